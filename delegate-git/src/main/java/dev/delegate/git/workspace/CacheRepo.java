package dev.delegate.git.workspace;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitFailure;
import dev.delegate.git.cli.GitResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A bare clone that caches one repository's objects for every worker. Remote branches are fetched
 * into {@code refs/remotes/origin/*}, so they never collide with the branches worktrees have
 * checked out under {@code refs/heads/*}. The URL is given on each fetch, not stored.
 */
final class CacheRepo {
  private static final String CONFIG =
      """
      [core]
      \trepositoryformatversion = 0
      \tfilemode = true
      \tbare = true
      [gc]
      \tautoDetach = false
      """;

  private final Git git;
  private final Path path;
  private final Duration staleLockAge;
  private boolean staleLocksRemoved;
  private volatile CacheObjects objects;

  CacheRepo(Git git, Path path, Duration staleLockAge) {
    this.git = git;
    this.path = path;
    this.staleLockAge = staleLockAge;
  }

  Path path() {
    return path;
  }

  static String trackingRef(String branch) {
    return "refs/remotes/origin/" + branch;
  }

  /**
   * Creates the bare clone when missing and resets its config; the first time in this process, also
   * removes lock files a crashed git left. Call with the cache lock held.
   */
  void ensure() {
    if (!Files.isRegularFile(path.resolve("HEAD"))) {
      try {
        Files.createDirectories(path);
      } catch (IOException e) {
        throw new UncheckedIOException("could not create " + path, e);
      }
      git.run(path, "init", "--quiet", "--bare");
    }
    resetConfig();
    if (!staleLocksRemoved) {
      removeStaleLocks();
      staleLocksRemoved = true;
    }
  }

  /**
   * Rewrites the cache's config to ours. Agents work in worktrees of this cache, and {@code git
   * config} there writes this file: a {@code credential.helper}, {@code core.sshCommand}, clean
   * filter or {@code url.*.insteadOf} an agent set must not act on our add, commit, fetch or push.
   * The file is replaced in one rename, so git processes running meanwhile read either version.
   */
  void resetConfig() {
    Path config = path.resolve("config");
    try {
      Path next = Files.createTempFile(path, "config.delegate-", ".new");
      Files.writeString(next, CONFIG);
      Files.move(next, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not reset the config of " + path, e);
    }
  }

  /**
   * Fetches {@code branch} into its tracking ref and returns the commit. A lock file in the way is
   * removed and the fetch tried once more when it is older than the stale-lock age (a git that
   * crashed or was killed left it). Call with the cache lock held.
   */
  String fetch(GitRemote remote, String branch) {
    String ref = trackingRef(branch);
    GitCommand fetch =
        GitCommand.in(
                path,
                "fetch",
                "--quiet",
                "--no-tags",
                "--no-write-fetch-head",
                remote.url(),
                "+refs/heads/" + branch + ":" + ref)
            .env(remote.environment());
    GitResult result = git.tryExec(fetch);
    if (!result.ok() && result.stderr().contains(".lock': File exists")) {
      removeStaleLocks();
      result = git.tryExec(fetch);
    }
    if (!result.ok()) {
      if (result.stderr().contains("couldn't find remote ref")) {
        throw new PermanentException("branch '" + branch + "' does not exist in " + remote.url());
      }
      throw GitFailure.of(result);
    }
    return objects()
        .resolve(ref)
        .orElseThrow(() -> new IllegalStateException("bug: " + ref + " missing after its fetch"));
  }

  /** The cache's objects and refs in this process; the cache must exist ({@link #ensure()}). */
  CacheObjects objects() {
    CacheObjects open = objects;
    if (open == null) {
      synchronized (this) {
        if (objects == null) {
          objects = new CacheObjects(path);
        }
        open = objects;
      }
    }
    return open;
  }

  /**
   * Records that the remote branch now points at {@code commit} (after our own push). A ref update
   * takes git's own lock file, so no cache lock is needed.
   */
  void recordPushed(String branch, String commit) {
    objects().setRef(trackingRef(branch), commit);
  }

  /**
   * Packs loose objects and the like ({@code git gc --auto}), without packing refs: worktrees move
   * their branches meanwhile, and a ref being packed cannot be updated. Call with the cache lock
   * held.
   */
  void collectGarbage() {
    git.run(path, "-c", "gc.auto=6700", "-c", "gc.packRefs=false", "gc", "--auto", "--quiet");
  }

  /**
   * Removes lock files left by a git process that crashed while working on the cache. Call with the
   * cache lock held; locks younger than the stale-lock age may belong to a running git.
   */
  void removeStaleLocks() {
    Instant cutoff = Instant.now().minus(staleLockAge);
    for (Path dir : List.of(path.resolve("refs"), path)) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      int depth = dir.equals(path) ? 1 : Integer.MAX_VALUE;
      try (Stream<Path> files = Files.walk(dir, depth)) {
        files
            .filter(f -> f.getFileName() != null && f.getFileName().toString().endsWith(".lock"))
            .filter(Files::isRegularFile)
            .filter(f -> olderThan(f, cutoff))
            .forEach(CacheRepo::deleteQuietly);
      } catch (IOException | UncheckedIOException e) {
        // a file that vanished while we looked was a live git's lock; the rest waits for next time
      }
    }
  }

  private static boolean olderThan(Path file, Instant cutoff) {
    try {
      return !Files.getLastModifiedTime(file).toInstant().isAfter(cutoff);
    } catch (IOException e) {
      return false;
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a lock that cannot be removed makes the next git command fail with a clear message
    }
  }
}
