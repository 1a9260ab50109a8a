package dev.delegate.core.job;

/**
 * What a job does: the agent works on the pull request's task ({@code TASK}), or the pull request's
 * branch is rebased onto its base that moved, the agent resolving the conflicts ({@code REBASE}).
 */
public enum JobKind {
  TASK,
  REBASE
}
