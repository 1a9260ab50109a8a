package dev.delegate.server.processor;

import dev.delegate.core.job.FollowUp;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.TaskStore;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.JsonBody;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/jobs/{id}/retry}, body empty or {@code {"instructions":"…"}}: a new job for an
 * ended job's pull request, on the same branch (the earlier commits stay), with the same task
 * details, budget and acceptance criteria, and the instructions appended to the agent's prompt. Its
 * task, if any, follows the new job. {@code 202} once the new job is stored; {@code 404} for an
 * unknown job; {@code 409} while the job, or another job of its pull request, is still active;
 * {@code 400} for bad instructions.
 */
public final class JobRetry {
  /** The longest instructions taken, in characters. */
  public static final int MAX_INSTRUCTIONS = 10_000;

  private final JobStore jobs;
  private final Optional<TaskStore> tasks;
  private final Runnable wake;
  private final Clock clock;

  /**
   * @param tasks the task store, where the task of a delegated pull request is kept
   * @param wake looks for work in an in-process processor, if any
   */
  public JobRetry(JobStore jobs, Optional<TaskStore> tasks, Runnable wake, Clock clock) {
    this.jobs = jobs;
    this.tasks = tasks;
    this.wake = wake;
    this.clock = clock;
  }

  public void handle(Context ctx) {
    String id = ctx.pathParam("id");
    Optional<String> instructions =
        ctx.body().isBlank()
            ? Optional.empty()
            : JsonBody.of(ctx).optionalText("instructions", MAX_INSTRUCTIONS).map(String::strip);
    Job job =
        jobs.find(id).orElseThrow(() -> new ApiException(404, "job_not_found", "no job " + id));
    if (!job.state().isFinal()) {
      throw new ApiException(
          409, "job_active", "job " + id + " is " + job.state() + "; only an ended job is retried");
    }
    NewJob next =
        FollowUp.of(jobs, job, UUID.randomUUID().toString(), instructions)
            .withKind(job.kind()); // a rebase is retried as a rebase
    JobStore.Enqueued enqueued = jobs.enqueue(next, clock.instant());
    if (!enqueued.created()) {
      throw new ApiException(
          409,
          "job_active",
          "job "
              + enqueued.job().id()
              + " is already active for "
              + job.repo()
              + "#"
              + job.prNumber());
    }
    tasks.ifPresent(t -> t.followJob(id, next.id(), clock.instant()));
    wake.run();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", "accepted");
    answer.put("jobId", next.id());
    answer.put("retryOf", id);
    answer.put("branch", job.branch());
    ctx.status(202).json(answer);
  }
}
