-- Slider puzzles handed out and not yet solved; the answer never leaves the server.
CREATE TABLE captcha_puzzles (
    id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    answer_x BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- One-time passes earned by solving a puzzle, stored as SHA-256 of the token.
CREATE TABLE captcha_passes (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
