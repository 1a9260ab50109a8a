package dev.delegate.core.workspace;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.RepoRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Isolated git workspaces. No shared checkout, no stash: each workspace is its own worktree,
 * switched to a branch and cleaned, so concurrent jobs never see each other's files.
 */
public interface Workspaces {

  /** Makes {@code directory} a clean checkout of {@code branch} at the remote's head. */
  Workspace prepare(RepoRef repo, GitRemote remote, String branch, Path directory);

  /** Whether anything in the workspace differs from its commit (untracked files count). */
  boolean hasChanges(Workspace workspace);

  /** Stages everything and commits it; empty when there was nothing to commit. */
  Optional<String> commitAll(Workspace workspace, CommitRequest commit);

  /**
   * Pushes {@code commit}, made by {@link #commitAll} on this workspace, to the workspace's branch,
   * without touching the workspace's directory (by then it may hold another job). When the branch
   * moved meanwhile, the commit is replayed onto the new head and pushed again; when that
   * conflicts, the work is kept on a recovery ref named after {@code jobId} and a {@code
   * PermanentException} names it.
   *
   * @return the commit the remote branch now points at
   */
  String push(Workspace workspace, String commit, String jobId);

  /** Paths changed by one commit. */
  List<String> changedFiles(Workspace workspace, String sha);

  /** The commit on the remote branch whose trailer {@code key} has {@code value}, if any. */
  Optional<String> findPushedCommit(
      RepoRef repo, GitRemote remote, String branch, String trailerKey, String value);

  /**
   * Rebases {@code branch} onto the head of {@code onto} in a scratch worktree, no worker's
   * directory: a rebase that stops at a conflict is aborted and reported. A finished one leaves its
   * commits in the cache (pushed with {@link #pushRebased}); nothing is pushed here.
   */
  default RebaseTrial tryRebase(
      RepoRef repo, GitRemote remote, String branch, String onto, Committer committer) {
    throw unsupported();
  }

  /**
   * Starts rebasing the prepared workspace onto {@code ontoCommit}; stops at the first conflict.
   */
  default RebaseStep startRebase(Workspace workspace, String ontoCommit, Committer committer) {
    throw unsupported();
  }

  /**
   * Continues a rebase stopped at {@code stop} once its conflicts were resolved in the directory:
   * fails with a {@link PermanentException} naming the files when conflict markers or unmerged
   * paths remain, else stages everything and goes on to the next stop or the end.
   */
  default RebaseStep continueRebase(Workspace workspace, RebaseStop stop, Committer committer) {
    throw unsupported();
  }

  /** Abandons a rebase in progress in the workspace, if any: the branch is as it was. */
  default void abortRebase(Workspace workspace) {
    throw unsupported();
  }

  /**
   * Replaces {@code branch} on the remote by {@code head}, only while it still points at {@code
   * lease} (git's {@code --force-with-lease}); never a plain force.
   *
   * @return false, nothing pushed, when the branch moved away from {@code lease}
   */
  default boolean pushRebased(
      RepoRef repo, GitRemote remote, String branch, String head, String lease) {
    throw unsupported();
  }

  private static PermanentException unsupported() {
    return new PermanentException("these workspaces cannot rebase a branch");
  }
}
