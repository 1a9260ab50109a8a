package dev.delegate.git.workspace;

import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitFailure;
import dev.delegate.git.cli.GitIdentity;
import dev.delegate.git.cli.GitResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Committing in a worktree, and reading commits and their trailers. */
final class Commits {
  private final Git git;

  Commits(Git git) {
    this.git = git;
  }

  boolean hasChanges(Workspace ws) {
    Path dir = ws.directory();
    return !git.run(dir, "status", "--porcelain", "--untracked-files=all").isBlank()
        || !head(dir).equals(ws.baseSha());
  }

  Optional<String> commitAll(Workspace ws, CommitRequest request) {
    GitIdentity author = new GitIdentity(request.authorName(), request.authorEmail());
    String text = Trailers.append(request.message(), request.trailers());
    Path dir = ws.directory();
    if (!head(dir).equals(ws.baseSha())) {
      git.run(dir, "reset", "--quiet", "--soft", ws.baseSha()); // fold the agent's own commits
    }
    git.run(dir, "add", "--all");
    if (git.tryExec(GitCommand.in(dir, "diff", "--cached", "--quiet")).ok()) {
      return Optional.empty();
    }
    git.exec(
        GitCommand.in(dir, "commit", "--quiet", "--no-verify", "--cleanup=whitespace", "--file=-")
            .env(author.environment())
            .input(text));
    return Optional.of(head(dir));
  }

  List<String> changedFiles(Path dir, String sha) {
    String names =
        git.run(dir, "diff-tree", "--root", "--no-commit-id", "--name-only", "-r", "-z", sha);
    return Arrays.stream(names.split("\0")).filter(f -> !f.isEmpty()).toList();
  }

  /** Newest commit reachable from {@code ref} (within {@code depth}) with trailer key: value. */
  Optional<String> findWithTrailer(Path gitDir, String ref, String key, String value, int depth) {
    Trailers.checkKey(key);
    GitResult result =
        git.tryExec(
            GitCommand.in(
                gitDir,
                "log",
                "--max-count=" + depth,
                "--format=%H%x1f%(trailers:key=" + key + ",valueonly,separator=%x1f)%x1e",
                ref,
                "--"));
    if (!result.ok()) {
      throw GitFailure.of(result);
    }
    for (String record : result.stdout().split("\u001e")) {
      String[] fields = record.strip().split("\u001f");
      for (int i = 1; i < fields.length; i++) {
        if (fields[i].strip().equals(value)) {
          return Optional.of(fields[0]);
        }
      }
    }
    return Optional.empty();
  }

  /** The value of trailer {@code key} in the HEAD commit, if it has one. */
  Optional<String> headTrailer(Path dir, String key) {
    String value =
        git.run(
                dir,
                "log",
                "-1",
                "--format=%(trailers:key=" + Trailers.checkKey(key) + ",valueonly)")
            .strip();
    return value.isEmpty()
        ? Optional.empty()
        : Optional.of(value.lines().findFirst().orElseThrow());
  }

  String head(Path dir) {
    return git.run(dir, "rev-parse", "--verify", "HEAD").strip();
  }
}
