package dev.delegate.store;

import static dev.delegate.store.JobRows.millis;

import dev.delegate.core.job.JobQueue;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link dev.delegate.core.job.JobStore#queue} in one statement over the claim index ({@code state,
 * not_before}): the queued jobs, and the earliest moment one that may be claimed now became
 * claimable (the later of its last move and its retry time).
 */
final class QueueQuery {
  private static final String SQL =
      "SELECT COUNT(*) AS depth,"
          + " MIN(CASE WHEN not_before <= :now"
          + " THEN CASE WHEN not_before > updated_at THEN not_before ELSE updated_at END END)"
          + " AS oldest"
          + " FROM jobs WHERE state = 'QUEUED'";

  private QueueQuery() {}

  static JobQueue read(Handle h, Instant now) {
    return h.createQuery(SQL)
        .bind("now", millis(now))
        .map(
            (rs, ctx) -> {
              long oldest = rs.getLong("oldest");
              Optional<Instant> since =
                  rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest));
              return new JobQueue(rs.getInt("depth"), since);
            })
        .one();
  }
}
