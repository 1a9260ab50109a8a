package dev.delegate.server.delegation;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestUpdate;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskDocument;
import dev.delegate.core.task.TaskStore;
import dev.delegate.server.http.ApiException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's Lambda, made durable. In order: the repository and base branch are checked on the
 * forge (a 400 creates nothing); the task is stored {@code SUBMITTED}; the forge gets the branch
 * {@code feature/{slug}-{epochMillis}}, TASK.md committed as {@code feat: {title}}, and the pull
 * request (body: the TASK.md text); then, in one transaction, the task becomes {@code DELEGATED}
 * with its pull request and its job is enqueued; finally the in-process processor, if any, is
 * woken. A forge failure marks the task {@code FAILED} with the forge's message and answers 502.
 * Without a running processor the job waits {@code QUEUED} in the store.
 */
public final class Delegation {
  private static final Logger LOG = LoggerFactory.getLogger(Delegation.class);

  /** Branch names tried, a millisecond apart, before a delegation gives up. */
  static final int BRANCH_TRIES = 20;

  private final TaskStore tasks;
  private final Forge forge;
  private final Clock clock;
  private final Runnable wake;
  private final RepoRef defaultRepo;
  private final String agentName;

  public Delegation(
      TaskStore tasks,
      Forge forge,
      Clock clock,
      Runnable wake,
      RepoRef defaultRepo,
      String agentName) {
    this.tasks = tasks;
    this.forge = forge;
    this.clock = clock;
    this.wake = wake;
    this.defaultRepo = defaultRepo;
    this.agentName = agentName;
  }

  /** What a delegation produced: the stored task, its pull request and its job's id. */
  public record Delegated(StoredTask task, PullRequest pullRequest, String jobId) {}

  public Delegated delegate(DelegationRequest request) {
    RepoRef repo = request.repo().orElse(defaultRepo);
    String base = request.baseBranch().orElse("main");
    checkOnForge(repo, base);
    Task task = request.task();
    String branch = freeBranch(repo, task.title());
    String taskId = UUID.randomUUID().toString();
    StoredTask submitted =
        StoredTask.submitted(taskId, task, repo, base, branch, clock.instant())
            .withBudget(request.budget());
    tasks.create(submitted);
    PullRequest pr;
    String markdown = TaskDocument.markdown(task, agentName);
    try {
      forge.createBranch(repo, branch, base);
      forge.putFile(repo, branch, TaskDocument.FILE_NAME, markdown, "feat: " + task.title());
      pr = forge.createPullRequest(repo, task.title(), markdown, branch, base);
    } catch (RuntimeException e) {
      String reason = "the forge failed: " + e.getMessage();
      tasks.fail(taskId, reason, clock.instant());
      LOG.warn("task {} failed on the forge: {}", taskId, e.getMessage());
      throw new ApiException(502, "forge_failed", reason);
    }
    TaskStore.Delegated delegated =
        enqueue(submitted, pr)
            .orElseThrow(
                () -> new IllegalStateException("bug: task " + taskId + " left SUBMITTED"));
    return new Delegated(delegated.task(), pr, delegated.enqueued().job().id());
  }

  /**
   * Finishes a delegation its node left half-made (killed between its steps): each forge step that
   * is not done yet is done (the branch, TASK.md, the open pull request from the branch), then the
   * task is {@code DELEGATED} with its job. When a step cannot be done (a permanent forge error,
   * e.g. the base branch is gone), the task is {@code FAILED} with the reason, its pull request, if
   * any, gets a comment and is closed, and its branch is deleted. A transient failure leaves the
   * task for the next sweep.
   *
   * @return the task's job id, or empty when the task failed or was finished by someone else
   */
  public Optional<String> finish(StoredTask stored) {
    Task task = stored.task();
    RepoRef repo = stored.repo();
    String branch = stored.branch();
    try {
      if (forge.branchHead(repo, branch).isEmpty()) {
        forge.createBranch(repo, branch, stored.baseBranch());
      }
      if (forge.readFile(repo, branch, TaskDocument.FILE_NAME).isEmpty()) {
        forge.putFile(
            repo,
            branch,
            TaskDocument.FILE_NAME,
            TaskDocument.markdown(task, agentName),
            "feat: " + task.title());
      }
      PullRequest pr =
          forge
              .openPullRequest(repo, branch)
              .orElseGet(
                  () ->
                      forge.createPullRequest(
                          repo,
                          task.title(),
                          TaskDocument.markdown(task, agentName),
                          branch,
                          stored.baseBranch()));
      Optional<TaskStore.Delegated> delegated = enqueue(stored, pr);
      delegated.ifPresent(d -> LOG.info("task {}: finished its half-made delegation", stored.id()));
      return delegated.map(d -> d.enqueued().job().id());
    } catch (PermanentException e) {
      abandon(stored, e.getMessage());
      return Optional.empty();
    }
  }

  /** Ends a delegation that cannot be finished: the task FAILED, its pull request closed. */
  private void abandon(StoredTask stored, String why) {
    String reason = "the delegation was interrupted and could not be finished: " + why;
    if (!tasks.fail(stored.id(), reason, clock.instant())) {
      return;
    }
    LOG.warn("task {}: {}", stored.id(), reason);
    try {
      Optional<PullRequest> pr = forge.openPullRequest(stored.repo(), stored.branch());
      if (pr.isPresent()) {
        forge.comment(
            stored.repo(),
            pr.get().number(),
            "Delegate: this task could not be delegated, so no agent will work on it: "
                + why
                + ". Closing this pull request; submit the task again to start over.");
        forge.updatePullRequest(stored.repo(), pr.get().number(), PullRequestUpdate.closing());
      }
      forge.deleteBranch(stored.repo(), stored.branch());
    } catch (RuntimeException e) {
      LOG.warn("task {}: cleaning up on the forge failed: {}", stored.id(), e.getMessage());
    }
  }

  /** Records the pull request on the task and enqueues its job, in one transaction; wakes. */
  private Optional<TaskStore.Delegated> enqueue(StoredTask stored, PullRequest pr) {
    String taskId = stored.id();
    RepoRef repo = stored.repo();
    String branch = stored.branch();
    NewJob job =
        new NewJob(
            UUID.randomUUID().toString(),
            repo,
            pr.number(),
            branch,
            TaskDocument.taskDetails(stored.task()),
            stored.budget(),
            stored.task().criteria());
    Optional<TaskStore.Delegated> delegated = tasks.delegate(taskId, pr, job, clock.instant());
    if (delegated.isPresent()) {
      wake.run();
      LOG.info("task {} delegated: {} #{} on {}", taskId, repo, pr.number(), branch);
    }
    return delegated;
  }

  private void checkOnForge(RepoRef repo, String base) {
    Optional<String> head;
    try {
      head = forge.branchHead(repo, base);
    } catch (PermanentException e) {
      throw DelegationRequest.invalid(
          Map.of("repo", "repository " + repo + " is not known to the forge"));
    }
    if (head.isEmpty()) {
      throw DelegationRequest.invalid(
          Map.of("baseBranch", "branch '" + base + "' does not exist in " + repo));
    }
  }

  /**
   * {@code feature/{slug}-{epochMillis}}, one millisecond later while that branch exists, at most
   * {@value #BRANCH_TRIES} names; then {@code 409 branch_exists}, nothing stored or created.
   */
  private String freeBranch(RepoRef repo, String title) {
    long millis = clock.millis();
    for (int tried = 0; tried < BRANCH_TRIES; tried++) {
      String branch = Slug.branch(title, millis + tried);
      if (forge.branchHead(repo, branch).isEmpty()) {
        return branch;
      }
    }
    throw new ApiException(
        409,
        "branch_exists",
        "the branches "
            + Slug.branch(title, millis)
            + " to "
            + Slug.branch(title, millis + BRANCH_TRIES - 1)
            + " all exist in "
            + repo
            + "; try again, or give the task another title");
  }
}
