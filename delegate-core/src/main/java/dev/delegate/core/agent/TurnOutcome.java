package dev.delegate.core.agent;

/** How an agent turn ended. */
public enum TurnOutcome {
  /** The agent came back to its prompt. */
  COMPLETED,
  /** The turn ran past its timeout and the agent was interrupted. */
  TIMED_OUT,
  /** The agent asked the user a question and waits for an answer. */
  NEEDS_INPUT,
  /** The agent process exited, stalled, or could not be prepared; see the failure text. */
  FAILED,
  /** The turn was cancelled ({@link AgentPool#cancel}): the agent was interrupted, or never ran. */
  CANCELLED
}
