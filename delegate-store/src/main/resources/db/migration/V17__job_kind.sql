-- What a job does: TASK (the agent works on the pull request's task) or REBASE (the branch is
-- rebased onto its base that moved, the agent resolving the conflicts).
ALTER TABLE jobs ADD COLUMN kind VARCHAR(20) DEFAULT 'TASK' NOT NULL;
