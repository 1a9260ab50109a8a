-- A person asked to cancel a job that a node holds: the node interrupts the agent and ends the job
-- CANCELLED; until then the store lets the job move nowhere else.
ALTER TABLE jobs ADD COLUMN cancel_requested_at BIGINT;
CREATE INDEX jobs_cancel_requested ON jobs (cancel_requested_at);
