package dev.delegate.git.local;

import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitFailure;
import dev.delegate.git.cli.GitIdentity;
import dev.delegate.git.cli.GitResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bare repository worked on with plumbing only: commits are built in a throw-away index ({@code
 * GIT_INDEX_FILE}) and refs move with compare-and-swap {@code update-ref}, so no checkout is ever
 * needed and concurrent writers cannot overwrite each other.
 */
final class BareRepo {
  private final Git git;
  private final Path path;

  BareRepo(Git git, Path path) {
    this.git = git;
    this.path = path;
  }

  Path path() {
    return path;
  }

  boolean exists() {
    return Files.isRegularFile(path.resolve("HEAD"));
  }

  void init(String defaultBranch) {
    git.run(path, "init", "--quiet", "--bare", "--initial-branch=" + defaultBranch);
  }

  /** The commit {@code branch} points at, if it exists. */
  Optional<String> head(String branch) {
    GitResult result =
        git.tryExec(
            GitCommand.in(
                path, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch + "^{commit}"));
    if (result.exitCode() == 1 && result.stdout().isBlank()) {
      return Optional.empty();
    }
    if (!result.ok()) {
      throw GitFailure.of(result);
    }
    return Optional.of(result.line());
  }

  /**
   * Moves {@code branch} from {@code expected} (null: the branch must not exist yet) to {@code
   * commit}. Returns false when the branch was not at {@code expected}: someone else won.
   */
  boolean updateBranch(String branch, String commit, String expected) {
    GitResult result =
        git.tryExec(
            GitCommand.in(
                path,
                "update-ref",
                "refs/heads/" + branch,
                commit,
                expected == null ? "" : expected));
    if (result.ok()) {
      return true;
    }
    String stderr = result.stderr();
    if (stderr.contains("reference already exists") || stderr.contains("but expected")) {
      return false;
    }
    throw GitFailure.of(result);
  }

  /**
   * A new commit whose tree is {@code parent}'s (or empty) with {@code files} written into it. Does
   * not move any branch.
   */
  String commit(String parent, Map<String, String> files, String message, GitIdentity author) {
    Path indexDir = tempDirectory();
    try {
      Map<String, String> env = Map.of("GIT_INDEX_FILE", indexDir.resolve("index").toString());
      if (parent == null) {
        exec(env, null, "read-tree", "--empty");
      } else {
        exec(env, null, "read-tree", parent);
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        String blob = exec(env, file.getValue(), "hash-object", "-w", "--no-filters", "--stdin");
        String mode = parent == null ? "100644" : mode(parent, file.getKey());
        exec(
            env,
            null,
            "update-index",
            "--add",
            "--cacheinfo",
            mode + "," + blob + "," + file.getKey());
      }
      String tree = exec(env, null, "write-tree");
      Map<String, String> commitEnv = new HashMap<>(author.environment());
      commitEnv.putAll(env);
      return parent == null
          ? exec(commitEnv, message, "commit-tree", tree)
          : exec(commitEnv, message, "commit-tree", tree, "-p", parent);
    } finally {
      deleteQuietly(indexDir);
    }
  }

  /** Whether {@code ancestor} is {@code commit} or one of its ancestors. */
  boolean isAncestor(String ancestor, String commit) {
    GitResult result =
        git.tryExec(GitCommand.in(path, "merge-base", "--is-ancestor", ancestor, commit));
    if (result.exitCode() > 1) {
      throw GitFailure.of(result);
    }
    return result.ok();
  }

  /** {@code git diff base...head}: what {@code head} changed since it forked from {@code base}. */
  String diff(String base, String head) {
    return git.run(path, "diff", "refs/heads/" + base + "...refs/heads/" + head, "--");
  }

  private String mode(String parent, String file) {
    String entry = git.run(path, "ls-tree", parent, "--", file).strip();
    return entry.startsWith("100755 ") ? "100755" : "100644";
  }

  private String exec(Map<String, String> env, String input, String... args) {
    return git.exec(GitCommand.in(path, args).env(env).input(input)).line();
  }

  private Path tempDirectory() {
    try {
      return Files.createTempDirectory("delegate-index");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary index directory", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve("index"));
      Files.deleteIfExists(dir.resolve("index.lock"));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a leftover temporary file is harmless
    }
  }
}
