package dev.delegate.git.workspace;

import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitIdentity;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Committing a worktree's state: the worktree's index and files through the git CLI ({@code
 * status}, {@code add}, {@code write-tree}), the commit object and the branch through the cache's
 * {@link CacheObjects}. Three git processes per commit.
 */
final class Commits {
  private final Git git;

  Commits(Git git) {
    this.git = git;
  }

  /** Changed, added or deleted files (untracked ones count), or a commit the agent made itself. */
  boolean hasChanges(Workspace ws) {
    String status =
        git.run(
            ws.directory(), "status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all");
    for (String entry : status.split("\0")) {
      if (entry.startsWith("# branch.oid ")) {
        if (!entry.substring("# branch.oid ".length()).strip().equals(ws.baseSha())) {
          return true;
        }
      } else if (!entry.isEmpty() && !entry.startsWith("# ")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Stages everything and commits the staged tree on the workspace's base, so commits the agent
   * made itself are folded into this one, with the request's rewrites applied to the committed
   * files; the worktree's branch is moved to it. Empty when the staged tree is the base's.
   */
  Optional<String> commitAll(Workspace ws, CommitRequest request, CacheObjects objects) {
    GitIdentity author = new GitIdentity(request.authorName(), request.authorEmail());
    String text = Trailers.append(request.message(), request.trailers());
    Path dir = ws.directory();
    git.run(dir, "add", "--all");
    String tree = git.run(dir, "write-tree").strip();
    if (tree.equals(objects.treeOf(ws.baseSha()))) {
      return Optional.empty();
    }
    if (!request.rewrites().isEmpty()) {
      tree = objects.rewriteTopLevel(tree, request.rewrites());
    }
    String commit = objects.commit(tree, ws.baseSha(), author, text);
    objects.setRef(CacheObjects.branchRef(ws.branch()), commit);
    return Optional.of(commit);
  }
}
