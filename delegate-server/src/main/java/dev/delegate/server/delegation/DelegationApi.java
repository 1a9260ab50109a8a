package dev.delegate.server.delegation;

import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.criteria.CriteriaSummary;
import dev.delegate.core.criteria.JobCriteria;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobState;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.TaskCursor;
import dev.delegate.core.task.TaskPage;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.BudgetJson;
import dev.delegate.server.http.CriteriaJson;
import dev.delegate.server.http.QueryParams;
import dev.delegate.server.processor.JobJson;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The delegation API's routes: {@code POST /api/delegate/personal}, and reads of tasks, jobs (the
 * processor's shape, from {@link JobJson}) and pull requests. Documented in docs/api.md.
 */
final class DelegationApi {

  private final WebServices services;

  DelegationApi(WebServices services) {
    this.services = services;
  }

  void routes(JavalinConfig config) {
    config.routes.post("/api/delegate/personal", this::delegate);
    config.routes.get("/api/tasks", this::tasks);
    config.routes.get("/api/tasks/{id}", this::task);
    config.routes.get("/api/prs/{owner}/{repo}/{number}", this::pullRequest);
    config.routes.get("/api/prs/{owner}/{repo}/{number}/diff", this::diff);
  }

  private void delegate(Context ctx) {
    DelegationRequest request =
        DelegationRequest.parse(ctx.body(), services.config().processor().defaultOwner());
    Delegation.Delegated done = services.delegation().delegate(request);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("prUrl", done.pullRequest().url());
    answer.put("prNumber", done.pullRequest().number());
    answer.put("branch", done.task().branch());
    answer.put("taskId", done.task().id());
    answer.put("jobId", done.jobId());
    ctx.status(201).json(answer);
  }

  private void tasks(Context ctx) {
    TaskPage page = services.tasks().page(TaskListParams.parse(ctx));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tasks", page.tasks().stream().map(t -> taskJson(t, false)).toList());
    body.put("next", page.next().map(TaskCursor::encode).orElse(null));
    ctx.json(body);
  }

  private void task(Context ctx) {
    String id = ctx.pathParam("id");
    StoredTask task =
        services
            .tasks()
            .find(id)
            .orElseThrow(() -> new ApiException(404, "task_not_found", "no task " + id));
    ctx.json(taskJson(task, true));
  }

  private Map<String, Object> taskJson(StoredTask task, boolean withJobDetails) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", task.id());
    body.put("title", task.task().title());
    body.put("objective", task.task().objective());
    body.put("constraints", task.task().constraints());
    body.put(CriteriaJson.FIELD, CriteriaJson.criteria(task.task().criteria()));
    body.put("owner", task.repo().owner());
    body.put("repo", task.repo().name());
    body.put("baseBranch", task.baseBranch());
    body.put("branch", task.branch());
    body.put("state", task.state().name());
    body.put("prNumber", task.prNumber().orElse(null));
    body.put("prUrl", task.prUrl().orElse(null));
    body.put("jobId", task.jobId().orElse(null));
    body.put("createdAt", task.createdAt().toString());
    body.put("failure", task.failure().orElse(null));
    Optional<Job> job = task.jobId().flatMap(services.jobs()::find);
    body.put("jobState", job.map(j -> j.state().name()).orElse(null));
    body.put("durationMs", job.map(this::runMillis).orElse(null));
    body.put("agent", job.flatMap(Job::agent).orElse(null));
    body.put("usage", BudgetJson.of(job.map(Job::usage).orElse(Usage.NONE)));
    body.put("budget", BudgetJson.of(task.budget()));
    JobCriteria verdicts = job.map(j -> services.jobs().criteria(j.id())).orElse(JobCriteria.NONE);
    body.put("verdicts", CriteriaJson.verdicts(verdicts.verdicts()));
    body.put("criteriaMet", verdicts.checked() ? CriteriaSummary.of(verdicts.verdicts()) : null);
    if (withJobDetails) {
      body.put(
          "job",
          job.map(
                  j ->
                      JobJson.of(
                          j,
                          services.jobs().events(j.id()),
                          services.jobs().criteria(j.id()),
                          services.clock().instant()))
              .orElse(null));
    }
    return body;
  }

  /** How long the job's agent worked: every state but {@code QUEUED}, to now while it is active. */
  private long runMillis(Job job) {
    Instant now = services.clock().instant();
    return JobJson.timings(services.jobs().events(job.id()), job.state().isFinal() ? null : now)
        .entrySet()
        .stream()
        .filter(e -> !e.getKey().equals(JobState.QUEUED.name()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private void pullRequest(Context ctx) {
    RepoRef repo = repo(ctx.pathParam("owner"), ctx.pathParam("repo"));
    PullRequest pr = findPullRequest(repo, number(ctx.pathParam("number")));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("owner", repo.owner());
    body.put("repo", repo.name());
    body.put("number", pr.number());
    body.put("title", pr.title());
    body.put("body", pr.body());
    body.put("base", pr.base());
    body.put("head", pr.head());
    body.put("state", pr.state());
    body.put("url", pr.url());
    body.put("comments", services.forge().comments(repo, pr.number()));
    ctx.json(body);
  }

  private void diff(Context ctx) {
    if (!(services.forge() instanceof LocalForge local)) {
      throw new ApiException(
          404, "not_available", "diffs are served for the local forge only; see the forge itself");
    }
    RepoRef repo = repo(ctx.pathParam("owner"), ctx.pathParam("repo"));
    PullRequest pr = findPullRequest(repo, number(ctx.pathParam("number")));
    ctx.contentType("text/plain; charset=utf-8").result(local.diff(repo, pr.number()));
  }

  private PullRequest findPullRequest(RepoRef repo, int number) {
    Optional<PullRequest> pr;
    try {
      pr = services.forge().pullRequest(repo, number);
    } catch (PermanentException e) {
      pr = Optional.empty();
    }
    return pr.orElseThrow(
        () ->
            new ApiException(
                404, "pull_request_not_found", "no pull request #" + number + " in " + repo));
  }

  /** {@code repo=owner/name}, or {@code owner=…&repo=…}; the default owner when none. */
  private RepoRef repo(String owner, String repo) {
    return QueryParams.repo(
        owner, repo, services.config().defaultRepo(), services.config().processor().defaultOwner());
  }

  private static int number(String text) {
    return QueryParams.prNumber(text);
  }
}
