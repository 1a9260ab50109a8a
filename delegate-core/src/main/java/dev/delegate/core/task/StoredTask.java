package dev.delegate.core.task;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.forge.RepoRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as the store keeps it: what was asked, where, and what delegating it produced.
 *
 * @param branch the feature branch chosen for it (created on the forge once {@code DELEGATED})
 * @param prNumber the pull request's number, once created
 * @param jobId the job that implements it, once enqueued
 * @param failure why the delegation failed, when {@code FAILED}
 * @param budget the most its job may spend, as the task was submitted; {@link Budget#NONE}: the
 *     processor's default
 */
public record StoredTask(
    String id,
    Task task,
    RepoRef repo,
    String baseBranch,
    String branch,
    Optional<Integer> prNumber,
    Optional<String> prUrl,
    Optional<String> jobId,
    TaskState state,
    Instant createdAt,
    Optional<String> failure,
    Budget budget) {

  public StoredTask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(baseBranch, "baseBranch");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    budget = budget == null ? Budget.NONE : budget;
  }

  /** A task without a budget of its own. */
  public StoredTask(
      String id,
      Task task,
      RepoRef repo,
      String baseBranch,
      String branch,
      Optional<Integer> prNumber,
      Optional<String> prUrl,
      Optional<String> jobId,
      TaskState state,
      Instant createdAt,
      Optional<String> failure) {
    this(
        id,
        task,
        repo,
        baseBranch,
        branch,
        prNumber,
        prUrl,
        jobId,
        state,
        createdAt,
        failure,
        Budget.NONE);
  }

  /** The same task with {@code value} as its budget. */
  public StoredTask withBudget(Budget value) {
    return new StoredTask(
        id,
        task,
        repo,
        baseBranch,
        branch,
        prNumber,
        prUrl,
        jobId,
        state,
        createdAt,
        failure,
        value);
  }

  /** A task just accepted: nothing on the forge yet. */
  public static StoredTask submitted(
      String id, Task task, RepoRef repo, String baseBranch, String branch, Instant now) {
    return new StoredTask(
        id,
        task,
        repo,
        baseBranch,
        branch,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        TaskState.SUBMITTED,
        now,
        Optional.empty());
  }
}
