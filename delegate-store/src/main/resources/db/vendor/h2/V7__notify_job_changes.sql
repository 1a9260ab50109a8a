-- PostgreSQL's V7 makes every job state change a NOTIFY to the other nodes. H2 has no NOTIFY and
-- is opened by one process only, which publishes its own changes; nothing to do here.
SELECT 1;
