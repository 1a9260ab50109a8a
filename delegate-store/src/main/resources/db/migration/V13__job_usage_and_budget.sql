-- What a job's agent reported spending, summed over every turn of every attempt (NULL: never
-- reported), and the most the job may spend (NULL: the processor's default).
ALTER TABLE jobs ADD COLUMN input_tokens BIGINT;
ALTER TABLE jobs ADD COLUMN output_tokens BIGINT;
ALTER TABLE jobs ADD COLUMN cost_usd NUMERIC(14, 6);
ALTER TABLE jobs ADD COLUMN credits NUMERIC(14, 6);
ALTER TABLE jobs ADD COLUMN max_cost_usd NUMERIC(14, 6);
ALTER TABLE jobs ADD COLUMN max_credits NUMERIC(14, 6);
-- The budget a task was submitted with, kept so that a delegation finished after a restart gives
-- its job the same one.
ALTER TABLE tasks ADD COLUMN max_cost_usd NUMERIC(14, 6);
ALTER TABLE tasks ADD COLUMN max_credits NUMERIC(14, 6);
