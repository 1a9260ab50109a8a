-- The dashboard reads the events of a time window (JobStore.history): find them by time.
CREATE INDEX job_events_occurred ON job_events (occurred_at);
