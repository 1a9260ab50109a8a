-- One row per repository holding the last pull-request number it gave out. A create increments it
-- with one UPDATE, whose row lock makes concurrent creates take turns for the length of one short
-- transaction; taking MAX(pr_number) + 1 and retrying on a duplicate key made hundreds of
-- concurrent creates collide again and again until the table lock timed out.
CREATE TABLE pr_counters (
  repo_owner  VARCHAR(100) NOT NULL,
  repo_name   VARCHAR(100) NOT NULL,
  last_number INTEGER      NOT NULL,
  PRIMARY KEY (repo_owner, repo_name)
);

INSERT INTO pr_counters (repo_owner, repo_name, last_number)
  SELECT repo_owner, repo_name, MAX(pr_number) FROM pull_requests GROUP BY repo_owner, repo_name;

-- A forge asks "is there an open pull request from this branch?" before it opens one.
CREATE INDEX pull_requests_head ON pull_requests (repo_owner, repo_name, head);
