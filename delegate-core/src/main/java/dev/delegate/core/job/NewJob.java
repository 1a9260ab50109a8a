package dev.delegate.core.job;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.criteria.Criterion;
import dev.delegate.core.forge.RepoRef;
import java.util.List;

/**
 * What {@code POST /api/process-pr} or a delegation asks for, before it is stored.
 *
 * @param budget the most the job may spend; {@link Budget#NONE}: the processor's default applies
 * @param criteria the task's acceptance criteria, checked after the agent's work; may be empty
 * @param kind what the job does: work on the task, or rebase the branch
 */
public record NewJob(
    String id,
    RepoRef repo,
    int prNumber,
    String branch,
    String taskDetails,
    Budget budget,
    List<Criterion> criteria,
    JobKind kind) {

  public NewJob {
    budget = budget == null ? Budget.NONE : budget;
    criteria = criteria == null ? List.of() : List.copyOf(criteria);
    kind = kind == null ? JobKind.TASK : kind;
  }

  /** A job that works on its task. */
  public NewJob(
      String id,
      RepoRef repo,
      int prNumber,
      String branch,
      String taskDetails,
      Budget budget,
      List<Criterion> criteria) {
    this(id, repo, prNumber, branch, taskDetails, budget, criteria, JobKind.TASK);
  }

  /** A job of {@code kind} without criteria. */
  public NewJob(
      String id,
      RepoRef repo,
      int prNumber,
      String branch,
      String taskDetails,
      Budget budget,
      JobKind kind) {
    this(id, repo, prNumber, branch, taskDetails, budget, List.of(), kind);
  }

  /** This job, doing {@code value} instead. */
  public NewJob withKind(JobKind value) {
    return new NewJob(id, repo, prNumber, branch, taskDetails, budget, criteria, value);
  }

  /** A job without criteria. */
  public NewJob(
      String id, RepoRef repo, int prNumber, String branch, String taskDetails, Budget budget) {
    this(id, repo, prNumber, branch, taskDetails, budget, List.of(), JobKind.TASK);
  }

  /** A job without a budget of its own. */
  public NewJob(String id, RepoRef repo, int prNumber, String branch, String taskDetails) {
    this(id, repo, prNumber, branch, taskDetails, Budget.NONE);
  }
}
