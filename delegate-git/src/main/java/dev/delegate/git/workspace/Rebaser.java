package dev.delegate.git.workspace;

import dev.delegate.core.PermanentException;
import dev.delegate.core.workspace.Committer;
import dev.delegate.core.workspace.RebaseStep;
import dev.delegate.core.workspace.RebaseStop;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitFailure;
import dev.delegate.git.cli.GitResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code git rebase} in one worktree: start, continue once conflicts are resolved, abort. The
 * repository's and the person's config cannot change how it goes: no autostash, autosquash,
 * update-refs or rerere, the plain conflict style, commits that become empty dropped, no editor.
 * The commits keep their authors; the committer is Delegate's.
 */
final class Rebaser {
  private static final int MAX_BASE_COMMITS = 10;
  private static final List<String> FIXED =
      List.of(
          "-c", "rebase.autoStash=false",
          "-c", "rebase.autoSquash=false",
          "-c", "rebase.updateRefs=false",
          "-c", "rebase.missingCommitsCheck=ignore",
          "-c", "rerere.enabled=false",
          "-c", "merge.conflictStyle=merge",
          "-c", "core.editor=true",
          "-c", "sequence.editor=true");

  private final Git git;

  Rebaser(Git git) {
    this.git = git;
  }

  /** Rebases the worktree's HEAD onto {@code onto}; finished, or stopped at the first conflict. */
  RebaseStep start(Path worktree, String onto, Committer committer) {
    return step(worktree, onto, run(worktree, committer, "rebase", "--empty=drop", onto));
  }

  /**
   * Continues after the conflicts of {@code stop} were resolved in the files: refuses while a file
   * holds conflict markers or a path is unmerged after staging everything.
   */
  RebaseStep proceed(Path worktree, String onto, RebaseStop stop, Committer committer) {
    if (!inProgress(worktree)) {
      throw new PermanentException(
          "the rebase was no longer in progress after the agent's turn (it must not continue,"
              + " commit or abort the rebase itself)");
    }
    List<String> marked =
        stop.conflicts().stream().filter(path -> hasMarkers(worktree.resolve(path))).toList();
    if (!marked.isEmpty()) {
      throw new PermanentException(
          "conflict markers remain in " + String.join(", ", marked) + " after the agent's turn");
    }
    git.run(worktree, "add", "--all");
    List<String> unmerged = unmerged(worktree);
    if (!unmerged.isEmpty()) {
      throw new PermanentException("paths remain unmerged: " + String.join(", ", unmerged));
    }
    return step(worktree, onto, run(worktree, committer, "rebase", "--continue"));
  }

  /** Abandons the rebase in progress, if any; the worktree is back where it started. */
  void abort(Path worktree) {
    if (inProgress(worktree)) {
      git.run(worktree, "rebase", "--abort");
    }
  }

  boolean inProgress(Path worktree) {
    String merge = git.run(worktree, "rev-parse", "--git-path", "rebase-merge").strip();
    String apply = git.run(worktree, "rev-parse", "--git-path", "rebase-apply").strip();
    return Files.isDirectory(worktree.resolve(merge)) || Files.isDirectory(worktree.resolve(apply));
  }

  private GitResult run(Path worktree, Committer committer, String... args) {
    List<String> argv = new ArrayList<>(FIXED);
    argv.addAll(Arrays.asList(args));
    return git.tryExec(
        GitCommand.in(worktree, argv)
            .env(
                Map.of(
                    "GIT_COMMITTER_NAME", committer.name(),
                    "GIT_COMMITTER_EMAIL", committer.email(),
                    "GIT_EDITOR", "true")));
  }

  private RebaseStep step(Path worktree, String onto, GitResult result) {
    String head = git.run(worktree, "rev-parse", "HEAD").strip();
    if (result.ok() && !inProgress(worktree)) {
      return RebaseStep.finished(head);
    }
    List<String> conflicts = unmerged(worktree);
    if (!inProgress(worktree) || conflicts.isEmpty()) {
      throw GitFailure.of(result);
    }
    String commit = git.run(worktree, "rev-parse", "REBASE_HEAD").strip();
    String subject = git.run(worktree, "log", "-1", "--format=%s", commit).strip();
    return new RebaseStep(
        head,
        java.util.Optional.of(
            new RebaseStop(commit, subject, conflicts, baseCommits(worktree, onto, commit))));
  }

  /** The base's commits since the branch forked that touch the conflicted paths, newest first. */
  private List<String> baseCommits(Path worktree, String onto, String commit) {
    GitResult fork = git.tryExec(GitCommand.in(worktree, "merge-base", onto, commit));
    if (!fork.ok()) {
      return List.of();
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "log",
                "--no-merges",
                "--format=%h %s",
                "--max-count=" + MAX_BASE_COMMITS,
                fork.line() + ".." + onto,
                "--"));
    args.addAll(unmerged(worktree));
    return git.exec(GitCommand.in(worktree, args)).lines();
  }

  private List<String> unmerged(Path worktree) {
    String out = git.run(worktree, "diff", "--name-only", "-z", "--diff-filter=U");
    return Arrays.stream(out.split("\0")).filter(p -> !p.isEmpty()).distinct().toList();
  }

  /**
   * Whether a line of the file starts with a conflict marker ({@code <<<<<<<}, {@code >>>>>>>}).
   */
  static boolean hasMarkers(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return text.lines().anyMatch(Rebaser::isMarker);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static boolean isMarker(String line) {
    for (String marker : List.of("<<<<<<<", ">>>>>>>")) {
      if (line.startsWith(marker)
          && (line.length() == marker.length() || line.charAt(marker.length()) == ' ')) {
        return true;
      }
    }
    return false;
  }
}
