package dev.delegate.store;

import static dev.delegate.store.JobRows.JOB_COLUMNS;

import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.JobState;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The job store's reads for live streams and watchers: the event log as it grows, stuck jobs. */
final class JobLogQueries {
  private static final String LEASED = JobRows.states(JobState::isLeased);

  private JobLogQueries() {}

  static List<JobEvent> eventsAfter(Handle h, long afterSequence, int limit) {
    return h.createQuery(
            "SELECT seq, job_id, occurred_at, from_state, to_state, message"
                + " FROM job_events WHERE seq > :after ORDER BY seq FETCH FIRST :limit ROWS ONLY")
        .bind("after", afterSequence)
        .bind("limit", limit)
        .map(JobRows.EVENT)
        .list();
  }

  static long lastEventSequence(Handle h) {
    return h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM job_events").mapTo(Long.class).one();
  }

  static List<Job> heldSince(Handle h, Instant before, int limit) {
    return h.createQuery(
            "SELECT "
                + JOB_COLUMNS
                + " FROM jobs WHERE state IN "
                + LEASED
                + " AND updated_at < :before ORDER BY updated_at, seq FETCH FIRST :limit ROWS ONLY")
        .bind("before", before.toEpochMilli())
        .bind("limit", limit)
        .map(JobRows.JOB)
        .list();
  }
}
