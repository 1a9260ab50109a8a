package dev.delegate.core.agent;

/** The answer given to an agent's approval prompt. */
public enum ApprovalVerdict {
  /** Allow this one action. */
  ALLOW,
  /** Allow this action and trust the tool for the rest of the session (the seed's {@code t}). */
  TRUST,
  /** Refuse the action. */
  DENY
}
