-- Verification codes, stored as an HMAC of the code; destinations as an HMAC too.
CREATE TABLE verification_codes (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    destination_hash TEXT NOT NULL,
    purpose TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    wrong_attempts BIGINT NOT NULL DEFAULT 0,
    used_at BIGINT,
    superseded_at BIGINT
);
CREATE INDEX verification_codes_destination ON verification_codes (destination_hash, purpose, created_at);

-- One row per destination: the lock row for its limits and its count for the current
-- Beijing day (YYYY-MM-DD).
CREATE TABLE code_senders (
    destination_hash TEXT PRIMARY KEY,
    day TEXT NOT NULL,
    sent_today BIGINT NOT NULL,
    last_sent_at BIGINT NOT NULL
);
