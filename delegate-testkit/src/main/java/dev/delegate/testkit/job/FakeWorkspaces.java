package dev.delegate.testkit.job;

import dev.delegate.core.TransientException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.core.workspace.Workspaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Workspaces in memory, for tests of the job logic. A directory is "changed" when the agent wrote
 * to it ({@link #write}); a commit records its message and trailers; a push appends it to the
 * branch. A test can make the next push fail ({@link #failNextPush}) and hold preparations ({@link
 * #holdPreparations}).
 */
public final class FakeWorkspaces implements Workspaces {
  /** A commit as the fake keeps it. */
  public record Commit(String sha, String message, Map<String, String> trailers) {}

  private final Map<String, List<Commit>> pushed = new HashMap<>();
  private final Map<String, Commit> made = new HashMap<>();
  private final Set<Path> changed = new HashSet<>();
  private Supplier<RuntimeException> nextPushFailure;
  private volatile CountDownLatch preparationGate;
  private final AtomicInteger preparationsWaiting = new AtomicInteger();

  private static String key(RepoRef repo, String branch) {
    return repo.fullName() + "@" + branch;
  }

  /** The agent changed something in {@code directory}. */
  public synchronized void write(Path directory) {
    changed.add(directory);
  }

  /** The next push throws what {@code failure} makes. */
  public synchronized void failNextPush(Supplier<RuntimeException> failure) {
    nextPushFailure = failure;
  }

  /** The commits pushed to a branch, oldest first. */
  public synchronized List<Commit> pushed(RepoRef repo, String branch) {
    return List.copyOf(pushed.getOrDefault(key(repo, branch), List.of()));
  }

  /** Preparations wait until {@code gate} opens (a job stays {@code PREPARING} meanwhile). */
  public void holdPreparations(CountDownLatch gate) {
    preparationGate = gate;
  }

  /** How many preparations wait at the gate of {@link #holdPreparations} now. */
  public int preparationsWaiting() {
    return preparationsWaiting.get();
  }

  @Override
  public Workspace prepare(RepoRef repo, GitRemote remote, String branch, Path directory) {
    CountDownLatch gate = preparationGate;
    if (gate != null) {
      preparationsWaiting.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransientException("interrupted while preparing the workspace");
      } finally {
        preparationsWaiting.decrementAndGet();
      }
    }
    return prepared(repo, remote, branch, directory);
  }

  private synchronized Workspace prepared(
      RepoRef repo, GitRemote remote, String branch, Path directory) {
    changed.remove(directory);
    List<Commit> commits = pushed.getOrDefault(key(repo, branch), List.of());
    String base = commits.isEmpty() ? "0".repeat(40) : commits.getLast().sha();
    return new Workspace(repo, remote, branch, directory, base);
  }

  @Override
  public synchronized boolean hasChanges(Workspace workspace) {
    return changed.contains(workspace.directory());
  }

  @Override
  public synchronized Optional<String> commitAll(Workspace workspace, CommitRequest commit) {
    if (!changed.remove(workspace.directory())) {
      return Optional.empty();
    }
    String sha = UUID.randomUUID().toString().replace("-", "") + "00000000";
    made.put(sha, new Commit(sha, commit.message(), commit.trailers()));
    return Optional.of(sha);
  }

  @Override
  public synchronized String push(Workspace workspace, String commit, String jobId) {
    if (nextPushFailure != null) {
      RuntimeException failure = nextPushFailure.get();
      nextPushFailure = null;
      throw failure;
    }
    Commit c = made.get(commit);
    if (c == null) {
      throw new IllegalStateException("no commit " + commit + " was made");
    }
    pushed
        .computeIfAbsent(key(workspace.repo(), workspace.branch()), k -> new ArrayList<>())
        .add(c);
    return commit;
  }

  @Override
  public synchronized List<String> changedFiles(Workspace workspace, String sha) {
    return List.of("NOTES.md");
  }

  @Override
  public synchronized Optional<String> findPushedCommit(
      RepoRef repo, GitRemote remote, String branch, String trailerKey, String value) {
    return pushed.getOrDefault(key(repo, branch), List.of()).stream()
        .filter(c -> value.equals(c.trailers().get(trailerKey)))
        .map(Commit::sha)
        .findFirst();
  }
}
