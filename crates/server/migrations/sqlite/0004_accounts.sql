-- Applicant accounts. The document number is stored encrypted (document_cipher) and as
-- an HMAC (document_lookup) whose unique index allows one account per number. A legacy
-- account that was replaced by a new registration keeps its row with a NULL lookup.
CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    document_type TEXT NOT NULL,
    document_lookup TEXT UNIQUE,
    document_cipher BLOB NOT NULL,
    document_masked TEXT NOT NULL,
    name TEXT NOT NULL,
    validity_period TEXT NOT NULL,
    validity_start TEXT NOT NULL,
    validity_end TEXT,
    password_hash TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    wechat_openid TEXT,
    legacy BIGINT NOT NULL DEFAULT 0,
    replaced_at BIGINT,
    created_at BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    gender TEXT,
    birth_date TEXT,
    ethnicity TEXT,
    region TEXT,
    local_id_cipher BLOB,
    local_id_masked TEXT,
    travel_permit_cipher BLOB,
    travel_permit_masked TEXT,
    profile_completed_at BIGINT
);

-- Sessions of applicants and staff, stored as SHA-256 of the bearer token.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX sessions_subject ON sessions (subject_id, role);

-- Failed sign-ins per document-number HMAC, whether or not an account exists, so the
-- delays and the lock behave the same for unknown numbers.
CREATE TABLE sign_in_failures (
    id TEXT PRIMARY KEY,
    document_lookup TEXT NOT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_lookup ON sign_in_failures (document_lookup, failed_at);

-- Document numbers locked after 100 failures within an hour, until a password reset.
CREATE TABLE sign_in_locks (
    document_lookup TEXT PRIMARY KEY,
    locked_at BIGINT NOT NULL
);
