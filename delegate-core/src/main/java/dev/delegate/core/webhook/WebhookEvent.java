package dev.delegate.core.webhook;

import dev.delegate.core.job.JobState;
import java.util.Arrays;
import java.util.Optional;

/** The job state changes a person cares about, each sent to the webhook URLs by its name. */
public enum WebhookEvent {
  JOB_SUCCEEDED("job.succeeded", JobState.SUCCEEDED),
  JOB_FAILED("job.failed", JobState.FAILED),
  JOB_TIMED_OUT("job.timed_out", JobState.TIMED_OUT),
  JOB_CANCELLED("job.cancelled", JobState.CANCELLED),
  JOB_NEEDS_INPUT("job.needs_input", JobState.NEEDS_INPUT);

  private final String wireName;
  private final JobState state;

  WebhookEvent(String wireName, JobState state) {
    this.wireName = wireName;
    this.state = state;
  }

  /** The name in {@code X-Delegate-Event} and the body's {@code event}, e.g. {@code job.failed}. */
  public String wireName() {
    return wireName;
  }

  /** The state a job moves to for this event. */
  public JobState state() {
    return state;
  }

  /** The event a move to {@code state} makes, if any. */
  public static Optional<WebhookEvent> of(JobState state) {
    return Arrays.stream(values()).filter(e -> e.state == state).findFirst();
  }
}
