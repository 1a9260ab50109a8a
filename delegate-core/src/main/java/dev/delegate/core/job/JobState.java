package dev.delegate.core.job;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A job's states and, in one table, the moves allowed between them. {@code QUEUED → PREPARING →
 * RUNNING → COMMITTING → SUCCEEDED}; a job may fail, time out, wait for input or be cancelled;
 * retries and expired leases move it back to {@code QUEUED}.
 */
public enum JobState {
  QUEUED,
  PREPARING,
  RUNNING,
  COMMITTING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  NEEDS_INPUT,
  CANCELLED;

  private static final Map<JobState, Set<JobState>> ALLOWED =
      Map.of(
          QUEUED, EnumSet.of(PREPARING, CANCELLED),
          PREPARING, EnumSet.of(RUNNING, FAILED, QUEUED, CANCELLED),
          RUNNING, EnumSet.of(COMMITTING, FAILED, TIMED_OUT, NEEDS_INPUT, QUEUED, CANCELLED),
          COMMITTING, EnumSet.of(SUCCEEDED, FAILED, QUEUED),
          NEEDS_INPUT, EnumSet.of(RUNNING, FAILED, QUEUED, CANCELLED),
          FAILED, EnumSet.of(QUEUED),
          TIMED_OUT, EnumSet.of(QUEUED),
          SUCCEEDED, EnumSet.noneOf(JobState.class),
          CANCELLED, EnumSet.noneOf(JobState.class));

  /** Whether the table allows moving from this state to {@code next}. */
  public boolean canMoveTo(JobState next) {
    return ALLOWED.get(this).contains(next);
  }

  /**
   * Queued or in progress: a second request for the same pull request joins this job. A job waiting
   * for input is in progress: its node keeps the agent's conversation open for the answer.
   */
  public boolean isActive() {
    return this == QUEUED || isLeased();
  }

  /**
   * Held by a node under a lease while it works on the job, or keeps the agent's conversation open
   * waiting for an answer ({@code NEEDS_INPUT}); when the node dies the lease runs out and the job
   * runs again.
   */
  public boolean isLeased() {
    return this == PREPARING || this == RUNNING || this == COMMITTING || this == NEEDS_INPUT;
  }

  /** Nobody works on the job: it ended, or waits for a retry or an answer. */
  public boolean isFinal() {
    return !isActive();
  }
}
