package dev.delegate.core.webhook;

import dev.delegate.core.job.JobState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded job event a webhook tells about, with what the store knows of the job's task.
 *
 * @param eventSequence the event's number in the store ({@code JobEvent.sequence})
 * @param message the event's message: the failure, the question, what was committed
 * @param taskId the task whose job this is when the event is read, if any
 * @param taskTitle that task's title
 * @param prUrl that task's pull request's address
 */
public record WebhookSource(
    long eventSequence,
    String jobId,
    JobState state,
    Instant at,
    String message,
    Optional<String> taskId,
    Optional<String> taskTitle,
    Optional<String> prUrl) {

  public WebhookSource {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    message = message == null ? "" : message;
  }

  /** The event this source is sent as. */
  public WebhookEvent event() {
    return WebhookEvent.of(state)
        .orElseThrow(() -> new IllegalStateException("bug: no webhook event for " + state));
  }
}
