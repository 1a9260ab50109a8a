-- Acceptance criteria checked one by one. A task's criterion may carry a check command; a job
-- keeps the criteria it was enqueued with and, once its work was checked, one verdict on each
-- (NULL until then) with its evidence and, for a check command, its exit code.
ALTER TABLE task_criteria ADD COLUMN check_command VARCHAR;

CREATE TABLE job_criteria (
  job_id        VARCHAR(100) NOT NULL REFERENCES jobs (id),
  position      INTEGER      NOT NULL,
  criterion     VARCHAR      NOT NULL,
  check_command VARCHAR,
  verdict       VARCHAR(10),
  evidence      VARCHAR,
  exit_code     INTEGER,
  PRIMARY KEY (job_id, position),
  CONSTRAINT job_criteria_verdict CHECK (verdict IN ('MET', 'NOT_MET', 'UNKNOWN'))
);
