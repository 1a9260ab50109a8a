-- The task list pages newest first by (created_at, id), a total order: a cursor is the last row's
-- key, so a page starts strictly after it and rows created meanwhile never shift a page.
CREATE INDEX tasks_page ON tasks (created_at, id);
CREATE INDEX tasks_repo_page ON tasks (repo_owner, repo_name, created_at, id);
