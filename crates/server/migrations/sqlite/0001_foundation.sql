-- Responses of POST requests that carried an Idempotency-Key, replayed on a retry.
CREATE TABLE idempotency_keys (
    key_hash TEXT PRIMARY KEY,
    route TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status BIGINT,
    content_type TEXT,
    body BLOB,
    created_at BIGINT NOT NULL,
    completed_at BIGINT
);

-- Messages decided but not yet delivered; a worker delivers them with retries.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    destination TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT,
    delivered_at BIGINT,
    failed_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (delivered_at, failed_at, next_attempt_at);

-- Every message the development inbox adapter received.
CREATE TABLE dev_inbox (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    destination TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX dev_inbox_destination ON dev_inbox (destination, received_at);
