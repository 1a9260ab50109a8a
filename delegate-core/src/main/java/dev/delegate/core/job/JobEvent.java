package dev.delegate.core.job;

import java.time.Instant;
import java.util.Optional;

/**
 * One recorded step of a job: every state change is one, with its time.
 *
 * @param from the state before, empty for the event that created the job
 */
public record JobEvent(
    long sequence, String jobId, Instant at, Optional<JobState> from, JobState to, String message) {

  /** How a note recording an approval decision starts; the rest describes the decision. */
  public static final String APPROVAL_NOTE = "approval: ";

  /** An event that records something without a state change (e.g. an approval decision). */
  public boolean isNote() {
    return from.map(f -> f == to).orElse(false);
  }
}
