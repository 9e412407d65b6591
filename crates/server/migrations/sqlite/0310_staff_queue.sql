-- Last successful sign-in of each staff account, shown to administrators.
ALTER TABLE staff ADD COLUMN last_sign_in_at BIGINT;

-- Deadline of a contact change request (1 working day); rows from before this column
-- are given theirs when the queue is next read.
ALTER TABLE contact_change_requests ADD COLUMN due_at BIGINT;
CREATE INDEX contact_change_requests_queue ON contact_change_requests (status, due_at);

-- Filters of the administrators' audit page.
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_at ON audit_log (at);

-- The flag of an application on file lives in account_verification, where the business
-- hook sets it; this earlier copy was never set.
ALTER TABLE accounts DROP COLUMN application_on_file;
