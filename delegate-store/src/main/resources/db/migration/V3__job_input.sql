-- A person's answer to a job waiting for input (NEEDS_INPUT), kept until the node holding the
-- job's agent conversation takes it.
ALTER TABLE jobs ADD COLUMN pending_input VARCHAR;
