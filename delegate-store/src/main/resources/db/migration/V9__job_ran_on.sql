-- The node that claimed a job last, kept after its lease ends (lease_owner is cleared then): the
-- agent's terminal of the job's last attempt ran there and its transcript lies on that node's disk,
-- so another node relays both from it.
ALTER TABLE jobs ADD COLUMN ran_on VARCHAR(200);
UPDATE jobs SET ran_on = lease_owner WHERE lease_owner IS NOT NULL;
