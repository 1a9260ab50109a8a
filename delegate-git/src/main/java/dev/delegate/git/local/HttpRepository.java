package dev.delegate.git.local;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitFailure;
import dev.delegate.git.cli.GitResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One repository of a local forge that another node serves over git's smart HTTP, reached with the
 * git CLI: branch heads by {@code git ls-remote}, branches fetched into a bare cache repository of
 * this node (where commits are built with {@link BareRepo}'s plumbing), and pushes that move a
 * branch only from the commit they were built on ({@code --force-with-lease}), so a concurrent
 * writer is never overwritten.
 */
final class HttpRepository {
  private static final String DEFAULT_BRANCH = "main";
  private static final List<String> LOST_RACE_SIGNS =
      List.of(
          "[rejected] (stale info)",
          "[rejected] (fetch first)",
          "[rejected] (non-fast-forward)",
          "[rejected] (already exists)",
          "[remote rejected] (failed to update ref)",
          "[remote rejected] (failed to lock)",
          "[remote rejected] (cannot lock ref");

  private final Git git;
  private final RepoRef repo;
  private final GitRemote remote;
  private final Path cachePath;
  private final ConcurrentHashMap<String, ReentrantLock> fetching = new ConcurrentHashMap<>();
  private volatile BareRepo cache;

  HttpRepository(Git git, RepoRef repo, GitRemote remote, Path cachePath) {
    this.git = git;
    this.repo = repo;
    this.remote = remote;
    this.cachePath = cachePath;
  }

  GitRemote remote() {
    return remote;
  }

  /** The commit {@code branch} points at on the forge, if it exists there. */
  Optional<String> head(String branch) {
    String ref = "refs/heads/" + branch;
    GitResult result = run("ls-remote", "--quiet", remote.url(), ref);
    return result.lines().stream()
        .map(line -> line.split("\t", 2))
        .filter(parts -> parts.length == 2 && parts[1].equals(ref))
        .map(parts -> parts[0].strip())
        .findFirst();
  }

  /** Whether the forge serves the repository at all. */
  void requireExists() {
    var unused = run("ls-remote", "--quiet", remote.url(), "HEAD");
  }

  /**
   * Fetches {@code branch} into the cache, where it has the same name; its commit, or empty when
   * the forge has no such branch.
   */
  Optional<String> fetch(String branch) {
    BareRepo bare = cache();
    ReentrantLock lock = fetching.computeIfAbsent(branch, b -> new ReentrantLock());
    lock.lock();
    try {
      GitResult result =
          tryRun(
              "fetch",
              "--quiet",
              "--no-tags",
              "--no-write-fetch-head",
              remote.url(),
              "+refs/heads/" + branch + ":refs/heads/" + branch);
      if (!result.ok()) {
        if (result.stderr().toLowerCase(Locale.ROOT).contains("couldn't find remote ref")) {
          return Optional.empty();
        }
        throw failure(result);
      }
      return Optional.of(
          bare.head(branch)
              .orElseThrow(
                  () -> new IllegalStateException("bug: " + branch + " missing after its fetch")));
    } finally {
      lock.unlock();
    }
  }

  /** The cache, where commits are built and fetched branches read. */
  BareRepo cache() {
    BareRepo open = cache;
    if (open != null) {
      return open;
    }
    synchronized (this) {
      if (cache == null) {
        try {
          Files.createDirectories(cachePath);
        } catch (IOException e) {
          throw new UncheckedIOException("could not create the forge cache " + cachePath, e);
        }
        cache =
            BareRepo.exists(cachePath)
                ? BareRepo.open(git, cachePath)
                : BareRepo.init(git, cachePath, DEFAULT_BRANCH);
      }
      return cache;
    }
  }

  /**
   * Moves {@code branch} on the forge to {@code commit} (which the cache holds), only from {@code
   * expected} (null: only when the branch does not exist yet). False when the branch was elsewhere:
   * someone else won.
   */
  boolean push(String commit, String branch, String expected) {
    String ref = "refs/heads/" + branch;
    GitResult result =
        tryRun(
            "push",
            "--porcelain",
            "--force-with-lease=" + ref + ":" + (expected == null ? "" : expected),
            remote.url(),
            commit + ":" + ref);
    if (result.ok()) {
      // a branch that must be new but already points at the commit is "up to date" to git
      return expected != null || !result.stdout().contains("[up to date]");
    }
    String said = result.stdout() + "\n" + result.stderr();
    if (LOST_RACE_SIGNS.stream().anyMatch(said::contains)) {
      return false;
    }
    throw failure(result);
  }

  /** Deletes {@code branch} on the forge; nothing happens when it does not exist. */
  void delete(String branch) {
    GitResult result = tryRun("push", "--porcelain", remote.url(), ":refs/heads/" + branch);
    if (!result.ok() && !result.stderr().contains("remote ref does not exist")) {
      throw failure(result);
    }
  }

  private GitResult run(String... args) {
    GitResult result = tryRun(args);
    if (!result.ok()) {
      throw failure(result);
    }
    return result;
  }

  private GitResult tryRun(String... args) {
    Path where = cache().path();
    return git.tryExec(GitCommand.in(where, args).env(remote.environment()));
  }

  /** A missing repository and a refused token are permanent; the rest as git's message says. */
  private RuntimeException failure(GitResult result) {
    String stderr = result.stderr().toLowerCase(Locale.ROOT);
    if (stderr.contains("not found") && stderr.contains("repository")) {
      return new PermanentException(
          "repository " + repo + " does not exist in the local forge at " + remote.url());
    }
    if (stderr.contains("authentication failed")
        || stderr.contains("could not read username")
        || stderr.contains("error: 401")
        || stderr.contains("error: 403")) {
      return new PermanentException(
          "the local forge at "
              + remote.url()
              + " refused this node's token (--token must be the serving node's)");
    }
    return GitFailure.of(result);
  }
}
