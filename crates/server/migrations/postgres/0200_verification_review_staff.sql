-- Real-name verification: attempts counted per account and Beijing day. The counter
-- row is taken (used = used + 1) before the register is asked, and given back when
-- the register could not answer.
CREATE TABLE verification_days (
    account_id TEXT NOT NULL,
    day TEXT NOT NULL,
    used BIGINT NOT NULL,
    PRIMARY KEY (account_id, day)
);

-- Every attempt that reached the register, and its outcome.
CREATE TABLE verification_attempts (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    document_type TEXT NOT NULL,
    name_checked TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE INDEX verification_attempts_account ON verification_attempts (account_id, at);

-- Verification state of an account. Real-name and manual-review approval are kept
-- apart, so a later failed check never undoes an approval.
CREATE TABLE account_verification (
    account_id TEXT PRIMARY KEY,
    real_name_verified_at BIGINT,
    review_approved_at BIGINT,
    failed_attempts BIGINT NOT NULL DEFAULT 0,
    application_on_file BIGINT NOT NULL DEFAULT 0,
    application_changed_at BIGINT
);

-- Names an account had before a verification changed it.
CREATE TABLE account_name_history (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    old_name TEXT NOT NULL,
    new_name TEXT NOT NULL,
    changed_at BIGINT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX account_name_history_account ON account_name_history (account_id, changed_at);

-- Manual reviews; at most one pending per account.
CREATE TABLE manual_reviews (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    status TEXT NOT NULL,
    name TEXT NOT NULL,
    validity_period TEXT NOT NULL,
    validity_start TEXT NOT NULL,
    validity_end TEXT,
    reason TEXT NOT NULL,
    period TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by TEXT,
    decision_reason TEXT
);
CREATE UNIQUE INDEX manual_reviews_one_pending ON manual_reviews (account_id) WHERE status = 'pending';
CREATE INDEX manual_reviews_queue ON manual_reviews (status, due_at);
CREATE INDEX manual_reviews_account ON manual_reviews (account_id, submitted_at);

-- The three photos of a review, AES-256-GCM encrypted.
CREATE TABLE manual_review_photos (
    review_id TEXT NOT NULL REFERENCES manual_reviews (id),
    side TEXT NOT NULL,
    sealed BYTEA NOT NULL,
    size_bytes BIGINT NOT NULL,
    PRIMARY KEY (review_id, side)
);

-- Reviews submitted per account and review period (for example 2026-2).
CREATE TABLE review_period_counts (
    account_id TEXT NOT NULL,
    period TEXT NOT NULL,
    used BIGINT NOT NULL,
    PRIMARY KEY (account_id, period)
);

-- Staff accounts; their sessions are rows of `sessions` with role 'staff'. The TOTP
-- secret is encrypted, and the last used time step stops a code from being replayed.
CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    totp_secret BYTEA NOT NULL,
    totp_last_step BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0
);

-- Who is working on which queue item, until when. One row per item: the upsert that
-- takes it succeeds for exactly one reviewer while the claim runs.
CREATE TABLE review_claims (
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (kind, item_id)
);

-- Append-only audit log, chained by SHA-256. audit_head holds the last sequence number
-- and hash; every append updates it first, which serialises appends.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE FUNCTION audit_log_reject_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
