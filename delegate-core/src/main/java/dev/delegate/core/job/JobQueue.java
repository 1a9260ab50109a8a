package dev.delegate.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The queue at one moment, as operators watch it.
 *
 * @param depth the jobs in {@code QUEUED}, those waiting for a retry's time included
 * @param oldestDueSince of the queued jobs that may be claimed now, the earliest moment one of them
 *     became claimable (queued, or its retry's time came); empty when none may be
 */
public record JobQueue(int depth, Optional<Instant> oldestDueSince) {
  public static final JobQueue EMPTY = new JobQueue(0, Optional.empty());

  /** How long the longest-waiting claimable job has waited at {@code now}; zero when none. */
  public Duration oldestAge(Instant now) {
    return oldestDueSince
        .map(since -> Duration.between(since, now))
        .filter(age -> !age.isNegative())
        .orElse(Duration.ZERO);
  }
}
