-- A person asked to cancel a job that a node holds, and why: the node interrupts the agent and ends
-- the job CANCELLED with that reason; until then the store lets the job move nowhere else.
ALTER TABLE jobs ADD COLUMN cancel_reason VARCHAR;
CREATE INDEX jobs_cancel_reason ON jobs (cancel_reason);
