-- Forgot password after the first step matched type, number and name: the ticket
-- names the account in the following requests, and is kept only as a hash.
CREATE TABLE password_reset_tickets (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX password_reset_tickets_expiry ON password_reset_tickets (expires_at);

-- Single-use reset links sent by email, WeChat or an approved contact change.
CREATE TABLE password_reset_links (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    origin TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_reset_links_account ON password_reset_links (account_id, created_at);

-- Nonces of accepted WeChat callbacks, so a replayed callback is rejected. Rows older
-- than the accepted clock skew are deleted.
CREATE TABLE wechat_callback_nonces (
    nonce TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL
);

-- Registration codes a WeChat user asked the service account for, by document number.
-- Registration with such a code binds the new account to that WeChat user.
CREATE TABLE wechat_registration_codes (
    id TEXT PRIMARY KEY,
    document_hash TEXT NOT NULL,
    open_id TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    wrong_attempts BIGINT NOT NULL DEFAULT 0,
    used_at BIGINT
);
CREATE INDEX wechat_registration_codes_document
    ON wechat_registration_codes (document_hash, created_at);

-- Set by the certification systems while an application for certification or
-- periodic registration is on file; such applicants change contacts themselves.
ALTER TABLE accounts ADD COLUMN application_on_file BIGINT NOT NULL DEFAULT 0;

-- Requests to replace a lost email or phone, decided by staff.
CREATE TABLE contact_change_requests (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    new_value_enc BYTEA NOT NULL,
    photo_enc BYTEA NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by TEXT,
    decision_reason TEXT
);
-- At most one pending request per account, even across server instances.
CREATE UNIQUE INDEX contact_change_requests_one_pending
    ON contact_change_requests (account_id) WHERE status = 'pending';
CREATE INDEX contact_change_requests_status ON contact_change_requests (status, submitted_at);
