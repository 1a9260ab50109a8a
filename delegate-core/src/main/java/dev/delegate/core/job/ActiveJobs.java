package dev.delegate.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The active jobs ({@link JobState#isActive()}) at one moment, by state, as operators watch them:
 * the queue's depth and how long the longest-waiting job has been in its state.
 *
 * @param byState for each active state that has jobs: how many, and since when the oldest has been
 *     in it
 */
public record ActiveJobs(Map<JobState, InState> byState) {
  public static final ActiveJobs NONE = new ActiveJobs(Map.of());

  /**
   * The jobs in one state.
   *
   * @param count how many; for {@code QUEUED} those waiting for a retry's time included
   * @param oldestSince the earliest moment one of them entered the state (its last move); for
   *     {@code QUEUED}, of those that may be claimed now, when each became claimable (the later of
   *     its last move and its retry time); empty when there is none
   */
  public record InState(int count, Optional<Instant> oldestSince) {
    public static final InState NONE = new InState(0, Optional.empty());
  }

  public ActiveJobs {
    Map<JobState, InState> copy = new EnumMap<>(JobState.class);
    copy.putAll(byState);
    byState = java.util.Collections.unmodifiableMap(copy);
  }

  public InState in(JobState state) {
    return byState.getOrDefault(state, InState.NONE);
  }

  /** How long the job longest in {@code state} has been in it at {@code now}; zero for none. */
  public Duration oldestAge(JobState state, Instant now) {
    return in(state)
        .oldestSince()
        .map(since -> Duration.between(since, now))
        .filter(age -> !age.isNegative())
        .orElse(Duration.ZERO);
  }
}
