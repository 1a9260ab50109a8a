package dev.delegate.core.job;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.forge.RepoRef;

/**
 * What {@code POST /api/process-pr} or a delegation asks for, before it is stored.
 *
 * @param budget the most the job may spend; {@link Budget#NONE}: the processor's default applies
 */
public record NewJob(
    String id, RepoRef repo, int prNumber, String branch, String taskDetails, Budget budget) {

  public NewJob {
    budget = budget == null ? Budget.NONE : budget;
  }

  /** A job without a budget of its own. */
  public NewJob(String id, RepoRef repo, int prNumber, String branch, String taskDetails) {
    this(id, repo, prNumber, branch, taskDetails, Budget.NONE);
  }
}
