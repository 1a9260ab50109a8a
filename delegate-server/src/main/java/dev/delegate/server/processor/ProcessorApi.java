package dev.delegate.server.processor;

import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.criteria.Criterion;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.git.BranchName;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.JsonBody;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The PR processor's HTTP API: the seed's {@code GET /health} and {@code POST /api/process-pr} (202
 * only once the job is stored), and job status under {@code /api/jobs}.
 */
public final class ProcessorApi {
  static final int MAX_TASK_DETAILS = 64 * 1024;

  private final JobStore store;
  private final Forge forge;
  private final Runnable wake;
  private final Clock clock;
  private final String defaultOwner;
  private final Instant startedAt;
  private final JobRoutes jobRoutes;

  public ProcessorApi(
      ObservableJobStore store,
      dev.delegate.core.task.TaskStore tasks,
      Forge forge,
      ProcessorHooks hooks,
      String agentName,
      Clock clock,
      RepoRef defaultRepo,
      String defaultOwner) {
    this.jobRoutes =
        new JobRoutes(
            store,
            java.util.Optional.of(tasks),
            forge,
            agentName,
            hooks,
            clock,
            defaultRepo,
            defaultOwner);
    this.store = store;
    this.forge = forge;
    this.wake = hooks.wake();
    this.clock = clock;
    this.defaultOwner = defaultOwner;
    this.startedAt = clock.instant();
  }

  public void routes(JavalinConfig config) {
    config.routes.get("/health", this::health);
    config.routes.post("/api/process-pr", this::processPr);
    jobRoutes.install(config);
  }

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    long millis = Duration.between(startedAt, clock.instant()).toMillis();
    body.put("uptime", Math.round(millis / 10.0) / 100.0);
    ctx.json(body);
  }

  private void processPr(Context ctx) {
    JsonBody body = JsonBody.of(ctx);
    int prNumber = (int) body.requiredLong("prNumber", 1, Integer.MAX_VALUE);
    String branch = body.requiredText("branch");
    RepoRef repo = repo(body.optionalText("owner").orElse(defaultOwner), body.requiredText("repo"));
    String taskDetails = body.optionalText("taskDetails", MAX_TASK_DETAILS).orElse("");
    Budget budget = body.budget();
    List<Criterion> criteria = body.criteria();
    try {
      BranchName.validate(branch);
    } catch (PermanentException e) {
      throw ApiException.badRequest("invalid_branch", e.getMessage());
    }
    if (forge.branchHead(repo, branch).isEmpty()) {
      throw ApiException.badRequest(
          "unknown_branch", "branch '" + branch + "' does not exist in " + repo.fullName());
    }
    JobStore.Enqueued enqueued =
        store.enqueue(
            new NewJob(
                UUID.randomUUID().toString(),
                repo,
                prNumber,
                branch,
                taskDetails,
                budget,
                criteria),
            clock.instant());
    wake.run();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", "accepted");
    answer.put("prNumber", prNumber);
    answer.put("branch", enqueued.job().branch());
    answer.put("jobId", enqueued.job().id());
    answer.put("created", enqueued.created());
    answer.put("state", enqueued.job().state().name());
    ctx.status(202).json(answer);
  }

  private RepoRef repo(String owner, String name) {
    try {
      return new RepoRef(owner, name);
    } catch (PermanentException e) {
      throw ApiException.badRequest("invalid_repo", e.getMessage());
    }
  }
}
