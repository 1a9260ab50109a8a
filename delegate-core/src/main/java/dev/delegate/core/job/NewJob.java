package dev.delegate.core.job;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.forge.RepoRef;

/**
 * What {@code POST /api/process-pr} or a delegation asks for, before it is stored.
 *
 * @param budget the most the job may spend; {@link Budget#NONE}: the processor's default applies
 * @param kind what the job does: work on the task, or rebase the branch
 */
public record NewJob(
    String id,
    RepoRef repo,
    int prNumber,
    String branch,
    String taskDetails,
    Budget budget,
    JobKind kind) {

  public NewJob {
    budget = budget == null ? Budget.NONE : budget;
    kind = kind == null ? JobKind.TASK : kind;
  }

  /** A job that works on its task. */
  public NewJob(
      String id, RepoRef repo, int prNumber, String branch, String taskDetails, Budget budget) {
    this(id, repo, prNumber, branch, taskDetails, budget, JobKind.TASK);
  }

  /** A job without a budget of its own. */
  public NewJob(String id, RepoRef repo, int prNumber, String branch, String taskDetails) {
    this(id, repo, prNumber, branch, taskDetails, Budget.NONE);
  }
}
