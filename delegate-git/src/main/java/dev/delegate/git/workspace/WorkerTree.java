package dev.delegate.git.workspace;

import dev.delegate.core.PermanentException;
import dev.delegate.git.DirectoryTrees;
import dev.delegate.git.cli.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The worktree in one worker's directory. The directory itself is never deleted or replaced: the
 * worker's warm agent process has it as its working directory, and a re-created directory would be
 * a different one for that process. Only its contents change.
 */
final class WorkerTree {
  /** Per-worktree state a crashed git or agent can leave behind in the worktree's admin dir. */
  private static final List<String> LEFTOVERS =
      List.of(
          "index.lock",
          "HEAD.lock",
          "rebase-merge",
          "rebase-apply",
          "MERGE_HEAD",
          "CHERRY_PICK_HEAD",
          "REVERT_HEAD",
          "AUTO_MERGE",
          "BISECT_LOG");

  private final Git git;
  private final Path directory;

  WorkerTree(Git git, Path directory) {
    this.git = git;
    this.directory = directory;
  }

  /**
   * The admin directory ({@code <cache>/worktrees/<id>}) of the worktree in this directory, when it
   * holds one whose admin directory still points back here.
   */
  Optional<Path> adminDirectory() {
    Path dotGit = directory.resolve(".git");
    Optional<Path> pointer = gitdirPointer();
    if (pointer.isEmpty()) {
      return Optional.empty();
    }
    Path admin = pointer.get();
    Path backPointer = admin.resolve("gitdir");
    if (!Files.isRegularFile(backPointer)
        || !sameFile(Path.of(read(backPointer).strip()), dotGit)) {
      return Optional.empty();
    }
    return Optional.of(admin);
  }

  /** Where this directory's {@code .git} file says the worktree's admin directory is. */
  private Optional<Path> gitdirPointer() {
    Path dotGit = directory.resolve(".git");
    if (!Files.isRegularFile(dotGit)) {
      return Optional.empty();
    }
    String text = read(dotGit).strip();
    if (!text.startsWith("gitdir:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(text.substring("gitdir:".length()).strip()));
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** The cache clone this directory's worktree belongs to, if any (even a half-broken one). */
  Optional<Path> ownerCache() {
    Optional<Path> pointer = gitdirPointer();
    if (pointer.isEmpty()) {
      return Optional.empty();
    }
    Path worktrees = pointer.get().getParent();
    if (worktrees == null || !worktrees.getFileName().toString().equals("worktrees")) {
      return Optional.empty();
    }
    return Optional.ofNullable(worktrees.getParent());
  }

  /** Whether this directory's worktree belongs to {@code cache}. */
  boolean belongsTo(Path cache) {
    Optional<Path> owner = ownerCache();
    try {
      return owner.isPresent() && Files.isDirectory(cache) && Files.isSameFile(owner.get(), cache);
    } catch (IOException e) {
      return false;
    }
  }

  boolean isEmpty() {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + directory, e);
    }
  }

  /**
   * Deletes everything inside the directory, keeping the directory itself. Allowed only below
   * {@code workersRoot}, or when the directory holds a worktree of a cache under {@code
   * cachesRoot}: anything else may be a person's files.
   */
  void clear(Path workersRoot, Path cachesRoot) {
    boolean ours =
        (directory.startsWith(workersRoot) && !directory.equals(workersRoot))
            || ownerCache().map(c -> real(c).startsWith(real(cachesRoot))).orElse(false);
    if (!ours) {
      throw new PermanentException(
          "refusing to empty "
              + directory
              + ": it is not a worktree of this repository and lies outside "
              + workersRoot
              + "; empty it or choose another worker directory");
    }
    DirectoryTrees.deleteContents(directory);
  }

  /** Adds a worktree of {@code cache} here at {@code commit}. Call with the cache lock held. */
  void add(CacheRepo cache, String commit) {
    git.run(cache.path(), "worktree", "prune");
    git.run(cache.path(), "worktree", "add", "--quiet", "--detach", directory.toString(), commit);
  }

  /** Removes what a crashed git or agent left in the worktree's admin directory. */
  void removeLeftovers(Path admin) {
    for (String name : LEFTOVERS) {
      Path leftover = admin.resolve(name);
      if (Files.exists(leftover)) {
        DirectoryTrees.delete(leftover);
      }
    }
  }

  /**
   * Switches the worktree to {@code branch} at {@code commit}, discarding every local change: a
   * forced checkout resets the index and the tracked files, {@code clean} removes the rest.
   */
  void switchTo(String branch, String commit) {
    git.run(
        directory,
        "checkout",
        "--quiet",
        "--force",
        "--ignore-other-worktrees",
        "-B",
        branch,
        commit);
    git.run(directory, "clean", "-ffdxq");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
