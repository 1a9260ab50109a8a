package dev.delegate.server.processor;

import dev.delegate.core.forge.Forge;
import dev.delegate.core.job.JobCancellation;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.task.TaskStore;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.util.Optional;

/**
 * What a person does to a job, the same on the API's port and the processor's: answer the agent's
 * question ({@link JobInput}), run an ended job again ({@link JobRetry}), cancel ({@link
 * JobCancel}).
 */
public final class JobRoutes {
  private final JobInput input;
  private final JobRetry retry;
  private final JobCancel cancel;

  /**
   * @param tasks where delegated tasks are kept, so a task follows its retried job
   * @param agentName the agent named in TASK.md's status line of a cancelled job
   */
  public JobRoutes(
      JobStore jobs,
      Optional<TaskStore> tasks,
      Forge forge,
      String agentName,
      ProcessorHooks hooks,
      Clock clock) {
    this.input = new JobInput(jobs, hooks.inputArrived(), clock);
    this.retry = new JobRetry(jobs, tasks, hooks.wake(), clock);
    this.cancel =
        new JobCancel(
            jobs, new JobCancellation(jobs, forge, agentName, clock, hooks.cancelRequested()));
  }

  public void install(JavalinConfig config) {
    config.routes.post("/api/jobs/{id}/input", input::handle);
    config.routes.post("/api/jobs/{id}/retry", retry::handle);
    config.routes.post("/api/jobs/{id}/cancel", cancel::handle);
  }
}
