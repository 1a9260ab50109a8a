-- The agent that worked on a job's last attempt, as the claiming processor names it ("Kiro CLI"):
-- the task list and the job's JSON show it.
ALTER TABLE jobs ADD COLUMN agent VARCHAR(200);
