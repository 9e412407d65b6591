-- Responses that handlers store inside the transaction of their action, so a retry
-- after a crash between the commit and the update of idempotency_keys replays the
-- original response instead of running the action again.
CREATE TABLE idempotency_results (
    key_hash TEXT PRIMARY KEY,
    status BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX idempotency_results_created ON idempotency_results (created_at);
