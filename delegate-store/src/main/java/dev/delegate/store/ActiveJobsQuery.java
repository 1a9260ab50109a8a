package dev.delegate.store;

import static dev.delegate.store.JobRows.millis;

import dev.delegate.core.job.ActiveJobs;
import dev.delegate.core.job.JobState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link dev.delegate.core.job.JobStore#active} in one statement over the claim index ({@code
 * state, not_before}): per active state, the jobs and the earliest moment one entered it (for the
 * queue, the earliest moment a claimable job became claimable: the later of its last move and its
 * retry time).
 */
final class ActiveJobsQuery {
  private static final String ACTIVE = JobRows.states(JobState::isActive);

  private static final String SQL =
      "SELECT state, COUNT(*) AS jobs,"
          + " MIN(CASE WHEN state <> 'QUEUED' THEN updated_at"
          + " WHEN not_before <= :now"
          + " THEN CASE WHEN not_before > updated_at THEN not_before ELSE updated_at END END)"
          + " AS oldest"
          + " FROM jobs WHERE state IN "
          + ACTIVE
          + " GROUP BY state";

  private ActiveJobsQuery() {}

  static ActiveJobs read(Handle h, Instant now) {
    Map<JobState, ActiveJobs.InState> byState = new EnumMap<>(JobState.class);
    h.createQuery(SQL)
        .bind("now", millis(now))
        .map(
            (rs, ctx) -> {
              long oldest = rs.getLong("oldest");
              Optional<Instant> since =
                  rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest));
              return Map.entry(
                  JobState.valueOf(rs.getString("state")),
                  new ActiveJobs.InState(rs.getInt("jobs"), since));
            })
        .forEach(e -> byState.put(e.getKey(), e.getValue()));
    return new ActiveJobs(byState);
  }
}
