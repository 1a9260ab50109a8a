package dev.delegate.core.job;

import java.time.Instant;
import java.util.Optional;

/**
 * One recorded step of a job: every state change is one, with its time.
 *
 * @param from the state before, empty for the event that created the job
 */
public record JobEvent(
    long sequence,
    String jobId,
    Instant at,
    Optional<JobState> from,
    JobState to,
    String message) {}
