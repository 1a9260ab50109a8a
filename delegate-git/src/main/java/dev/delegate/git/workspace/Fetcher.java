package dev.delegate.git.workspace;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Fetches branches into one cache clone. Fetches into a cache take turns (they write its refs and
 * objects), so instead of queueing one {@code git fetch} per caller, every branch asked for while a
 * fetch runs is fetched by the next one, in one {@code git fetch} with a refspec per branch: with
 * many workers preparing at once, the cache's lock is held once per batch, not once per job.
 */
final class Fetcher {
  private record Wanted(GitRemote remote, String branch) {}

  private final Git git;
  private final CacheRepo cache;
  private final LocalTransport local;
  private final Object pendingLock = new Object();
  private Map<Wanted, CompletableFuture<String>> pending = new LinkedHashMap<>();
  private boolean populated; // guarded by the cache lock

  Fetcher(Git git, CacheRepo cache, LocalTransport local) {
    this.git = git;
    this.cache = cache;
    this.local = local;
  }

  /** Fetches {@code branch} into its tracking ref and returns the commit it points at. */
  String fetch(GitRemote remote, String branch) {
    CompletableFuture<String> mine;
    synchronized (pendingLock) {
      mine = pending.computeIfAbsent(new Wanted(remote, branch), w -> new CompletableFuture<>());
    }
    CacheLock.with(
        cache.path(),
        () -> {
          if (mine.isDone()) {
            return; // the fetch before ours took our branch too
          }
          Map<Wanted, CompletableFuture<String>> batch;
          synchronized (pendingLock) {
            batch = pending;
            pending = new LinkedHashMap<>();
          }
          try {
            fetchAll(batch);
          } catch (RuntimeException e) {
            batch.values().forEach(f -> f.completeExceptionally(e)); // no waiter is left hanging
          }
        });
    try {
      return mine.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** Call with the cache lock held. */
  private void fetchAll(Map<Wanted, CompletableFuture<String>> batch) {
    cache.ensure();
    Map<GitRemote, List<Wanted>> byRemote = new LinkedHashMap<>();
    batch
        .keySet()
        .forEach(w -> byRemote.computeIfAbsent(w.remote(), r -> new ArrayList<>()).add(w));
    byRemote.forEach(
        (remote, wanted) -> {
          Optional<Path> here = LocalTransport.localPath(remote);
          if (populated && here.isPresent()) {
            wanted.forEach(w -> complete(batch.get(w), () -> copy(here.get(), remote, w.branch())));
            return;
          }
          if (wanted.size() == 1 || !fetchTogether(remote, wanted, batch)) {
            wanted.forEach(w -> complete(batch.get(w), () -> cache.fetch(remote, w.branch())));
          }
          populated = true;
        });
  }

  private static void complete(CompletableFuture<String> future, Supplier<String> fetch) {
    try {
      future.complete(fetch.get());
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
  }

  /**
   * A branch of a repository on this machine, copied in this process once the cache holds the
   * repository's history (the first fetch, which brings all of it, is git's own).
   */
  private String copy(Path repository, GitRemote remote, String branch) {
    String ref = CacheRepo.trackingRef(branch);
    Optional<String> head;
    try {
      head = local.fetch(repository, branch, cache.objects().repository(), ref);
    } catch (LocalTransport.RefLocked e) {
      cache.removeStaleLocks(); // a crashed git's lock, when old enough; then once more
      head = local.fetch(repository, branch, cache.objects().repository(), ref);
    }
    return head.orElseThrow(
        () -> new PermanentException("branch '" + branch + "' does not exist in " + remote.url()));
  }

  /** One fetch for all; false (nothing completed) when it failed, e.g. one branch is missing. */
  private boolean fetchTogether(
      GitRemote remote, List<Wanted> wanted, Map<Wanted, CompletableFuture<String>> batch) {
    List<String> args =
        new ArrayList<>(
            List.of("fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote.url()));
    for (Wanted w : wanted) {
      args.add("+refs/heads/" + w.branch() + ":" + CacheRepo.trackingRef(w.branch()));
    }
    GitResult fetched =
        git.tryExec(
            GitCommand.in(cache.path(), args.toArray(String[]::new)).env(remote.environment()));
    if (!fetched.ok()) {
      return false;
    }
    for (Wanted w : wanted) {
      String ref = CacheRepo.trackingRef(w.branch());
      batch
          .get(w)
          .complete(
              cache
                  .objects()
                  .resolve(ref)
                  .orElseThrow(() -> new IllegalStateException("bug: " + ref + " not fetched")));
    }
    return true;
  }
}
