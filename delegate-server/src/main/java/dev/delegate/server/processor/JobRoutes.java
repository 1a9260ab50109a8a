package dev.delegate.server.processor;

import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobCancellation;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.core.task.TaskStore;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.QueryParams;
import dev.delegate.server.http.Sse;
import dev.delegate.server.rebase.Rebases;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The job endpoints, one class served the same on the API's port and the processor's: read a job
 * ({@code GET /api/jobs/{id}}), follow it as it changes ({@link JobStream}), list the recent ones
 * or find a pull request's latest ({@code GET /api/jobs?limit=…}, {@code ?repo=…&pr=…}), answer the
 * agent's question ({@link JobInput}), run an ended job again ({@link JobRetry}), cancel ({@link
 * JobCancel}), rebase a pull request's branch onto its base ({@link RebaseRoute}).
 */
public final class JobRoutes {
  private final JobStore jobs;
  private final Clock clock;
  private final RepoRef defaultRepo;
  private final String defaultOwner;
  private final JobInput input;
  private final JobRetry retry;
  private final JobCancel cancel;
  private final JobStream stream;
  private final RebaseRoute rebase;
  private final Sse.Hub streams = new Sse.Hub();

  /**
   * @param tasks where delegated tasks are kept, so a task follows its retried job
   * @param agentName the agent named in TASK.md's status line of a cancelled job
   */
  public JobRoutes(
      ObservableJobStore jobs,
      Optional<TaskStore> tasks,
      Forge forge,
      String agentName,
      ProcessorHooks hooks,
      Clock clock,
      RepoRef defaultRepo,
      String defaultOwner) {
    this.jobs = jobs;
    this.clock = clock;
    this.defaultRepo = defaultRepo;
    this.defaultOwner = defaultOwner;
    this.input = new JobInput(jobs, hooks.inputArrived(), clock);
    this.retry = new JobRetry(jobs, tasks, hooks.wake(), clock);
    this.cancel =
        new JobCancel(
            jobs, new JobCancellation(jobs, forge, agentName, clock, hooks.cancelRequested()));
    this.stream = new JobStream(streams, jobs, clock);
    this.rebase =
        new RebaseRoute(
            new Rebases(jobs, tasks, forge, hooks.wake(), clock), forge, defaultRepo, defaultOwner);
  }

  public void install(JavalinConfig config) {
    config.events.serverStopping(streams::closeAll);
    config.routes.get("/api/jobs/{id}", this::job);
    config.routes.get("/api/jobs/{id}/events", stream::handle);
    config.routes.get("/api/jobs", this::jobs);
    config.routes.post("/api/jobs/{id}/input", input::handle);
    config.routes.post("/api/jobs/{id}/retry", retry::handle);
    config.routes.post("/api/jobs/{id}/cancel", cancel::handle);
    config.routes.post("/api/prs/{owner}/{repo}/{number}/rebase", rebase::handle);
  }

  private void job(Context ctx) {
    String id = ctx.pathParam("id");
    Job job =
        jobs.find(id).orElseThrow(() -> new ApiException(404, "job_not_found", "no job " + id));
    ctx.json(JobJson.of(job, jobs.events(id), jobs.criteria(id), clock.instant()));
  }

  private void jobs(Context ctx) {
    String pr = ctx.queryParam("pr");
    if (pr == null) {
      int limit = QueryParams.limit(ctx.queryParam("limit"));
      ctx.json(Map.of("jobs", jobs.recent(limit).stream().map(JobJson::summary).toList()));
      return;
    }
    RepoRef repo =
        QueryParams.repo(
            ctx.queryParam("owner"), ctx.queryParam("repo"), defaultRepo, defaultOwner);
    int number = QueryParams.prNumber(pr);
    Job job =
        jobs.findByPullRequest(repo, number)
            .orElseThrow(
                () ->
                    new ApiException(
                        404, "job_not_found", "no job for " + repo + " pull request " + number));
    ctx.json(JobJson.of(job, jobs.events(job.id()), jobs.criteria(job.id()), clock.instant()));
  }
}
