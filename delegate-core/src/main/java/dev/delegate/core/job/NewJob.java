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
 */
public record NewJob(
    String id,
    RepoRef repo,
    int prNumber,
    String branch,
    String taskDetails,
    Budget budget,
    List<Criterion> criteria) {

  public NewJob {
    budget = budget == null ? Budget.NONE : budget;
    criteria = criteria == null ? List.of() : List.copyOf(criteria);
  }

  /** A job without criteria. */
  public NewJob(
      String id, RepoRef repo, int prNumber, String branch, String taskDetails, Budget budget) {
    this(id, repo, prNumber, branch, taskDetails, budget, List.of());
  }

  /** A job without a budget of its own. */
  public NewJob(String id, RepoRef repo, int prNumber, String branch, String taskDetails) {
    this(id, repo, prNumber, branch, taskDetails, Budget.NONE);
  }
}
