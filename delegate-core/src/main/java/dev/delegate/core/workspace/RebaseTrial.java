package dev.delegate.core.workspace;

/**
 * A rebase tried without a worker ({@link Workspaces#tryRebase}): what the branch and its base
 * pointed at, and how the rebase went. Nothing was pushed; a stopped trial was aborted.
 *
 * @param branchHead the branch's commit that was rebased: the lease of a later push
 * @param ontoHead the base's commit it was rebased onto
 */
public record RebaseTrial(String branchHead, String ontoHead, RebaseStep step) {

  /** Whether the branch already holds the base: rebasing changed nothing. */
  public boolean upToDate() {
    return step.isFinished() && step.head().equals(branchHead);
  }
}
