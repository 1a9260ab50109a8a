package dev.delegate.server.processor;

import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobCancellation;
import dev.delegate.core.job.JobStore;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.JsonBody;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/jobs/{id}/cancel}, body empty or {@code {"reason":"…"}}. A queued job (also one
 * waiting for a retry) is {@code CANCELLED} at once: {@code 200}. A job a node works on or that
 * waits for an answer gets a cancel request; its node interrupts the agent and ends it {@code
 * CANCELLED} within a tick, nothing committed: {@code 202}, to be followed on {@code GET
 * /api/jobs/{id}}. {@code 409} once the job's commit is made ({@code COMMITTING}) or it ended;
 * {@code 404} for an unknown job; {@code 400} for a bad reason.
 */
public final class JobCancel {
  /** The longest reason taken, in characters. */
  public static final int MAX_REASON = 1_000;

  static final String DEFAULT_REASON = "cancelled by a person";

  private final JobStore store;
  private final JobCancellation cancellation;

  public JobCancel(JobStore store, JobCancellation cancellation) {
    this.store = store;
    this.cancellation = cancellation;
  }

  public void handle(Context ctx) {
    String id = ctx.pathParam("id");
    String reason =
        ctx.body().isBlank()
            ? DEFAULT_REASON
            : JsonBody.of(ctx)
                .optionalText("reason", MAX_REASON)
                .map(r -> "cancelled by a person: " + r.strip())
                .orElse(DEFAULT_REASON);
    JobStore.Cancel result = cancellation.cancel(id, reason);
    Job job = store.find(id).orElse(null);
    switch (result) {
      case UNKNOWN -> throw new ApiException(404, "job_not_found", "no job " + id);
      case COMMITTING ->
          throw new ApiException(
              409,
              "job_committing",
              "job " + id + " has made its commit and is pushing it; too late to cancel");
      case ENDED ->
          throw new ApiException(
              409,
              "job_ended",
              "job " + id + " already ended " + (job == null ? "" : job.state().name()));
      case CANCELLED, REQUESTED -> {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", result == JobStore.Cancel.CANCELLED ? "cancelled" : "cancelling");
        answer.put("jobId", id);
        answer.put("state", job == null ? "" : job.state().name());
        ctx.status(result == JobStore.Cancel.CANCELLED ? 200 : 202).json(answer);
      }
    }
  }
}
