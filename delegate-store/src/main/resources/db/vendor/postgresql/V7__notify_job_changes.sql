-- Every job state change is announced to the nodes sharing the database: PostgreSQL delivers a
-- NOTIFY at commit to every session that LISTENs on the channel (PgJobChangeFeed), so an idle
-- worker node wakes for a new job and an API node's live pages see changes made by any node,
-- without polling. The payload is "<job id> <new state> <epoch millis>". Engine-specific: H2 has
-- no NOTIFY (its V7 is empty; with H2 one process holds the store, and it publishes its own
-- changes).
CREATE FUNCTION delegate_notify_job_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('delegate_job_changes', NEW.job_id || ' ' || NEW.to_state || ' ' || NEW.occurred_at);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER job_events_notify
  AFTER INSERT ON job_events
  FOR EACH ROW
  WHEN (NEW.from_state IS DISTINCT FROM NEW.to_state)
  EXECUTE FUNCTION delegate_notify_job_change();
