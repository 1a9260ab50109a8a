package dev.delegate.agent.session;

import dev.delegate.core.agent.Budget;

/** The turn's reported spending went past its budget; the driver has asked the agent to stop. */
public final class BudgetReachedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BudgetReachedException(String detail) {
    super(Budget.REACHED + ": " + detail, null, false, false);
  }
}
