-- The agent's question while a job waits for an answer, kept apart from `failure`, which holds
-- only the reason of the job's current ending (or of the retry it waits for).
ALTER TABLE jobs ADD COLUMN question VARCHAR;
UPDATE jobs SET question = failure, failure = NULL WHERE state = 'NEEDS_INPUT';
