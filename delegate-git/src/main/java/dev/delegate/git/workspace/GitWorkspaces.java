package dev.delegate.git.workspace;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Committer;
import dev.delegate.core.workspace.RebaseStep;
import dev.delegate.core.workspace.RebaseStop;
import dev.delegate.core.workspace.RebaseTrial;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.core.workspace.Workspaces;
import dev.delegate.git.BranchName;
import dev.delegate.git.DirectoryTrees;
import dev.delegate.git.cli.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Workspaces} on the git CLI: one cache clone per repository ({@code
 * <data>/repos/<owner>/<name>.git}, bare) and one worktree of it per worker, in the worker's own
 * directory. A job's worktree is switched to its branch with fetch, {@code checkout --force -B} and
 * {@code clean -ffdx}: no stash, no checkout shared between jobs. Commits are pushed from the cache
 * clone, so a worktree is free for the next job as soon as its commit is made. See the module's
 * README.
 */
public final class GitWorkspaces implements Workspaces {
  private final Path dataDirectory;
  private final Git git;
  private final WorkspacesConfig config;
  private final Pusher pusher;
  private final Commits commits;
  private final Rebaser rebaser;
  private final ConcurrentHashMap<Path, Cache> caches = new ConcurrentHashMap<>();
  private final LocalTransport local = new LocalTransport();

  public GitWorkspaces(Path dataDirectory, Git git) {
    this(dataDirectory, git, WorkspacesConfig.DEFAULT);
  }

  public GitWorkspaces(Path dataDirectory, Git git, WorkspacesConfig config) {
    this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
    this.git = Objects.requireNonNull(git, "git");
    this.config = Objects.requireNonNull(config, "config");
    this.pusher = new Pusher(git, config.pushAttempts(), local);
    this.commits = new Commits(git);
    this.rebaser = new Rebaser(git);
  }

  /** Where the cache clone of {@code repo} lives. */
  public Path cachePath(RepoRef repo) {
    return dataDirectory.resolve("repos").resolve(repo.owner()).resolve(repo.name() + ".git");
  }

  /**
   * Makes {@code directory} a worktree of {@code repo}'s cache clone, checked out at the remote
   * head of {@code branch} with no other file in it. The directory itself is kept (the worker's
   * agent runs in it); a worktree of another repository or stray files in it are removed first,
   * which is allowed only under {@code <data>/workers} and for worktrees of our own caches. One
   * worker directory takes one job at a time.
   */
  @Override
  public Workspace prepare(RepoRef repo, GitRemote remote, String branch, Path directory) {
    BranchName.validate(branch);
    Path dir = directory.toAbsolutePath().normalize();
    createDirectories(dir);
    Cache cache = cache(repo);
    WorkerTree tree = new WorkerTree(git, dir);
    boolean attached = tree.adminDirectory().isPresent() && tree.belongsTo(cache.repo.path());
    if (!attached) {
      detach(tree);
    }
    String commit = cache.fetcher.fetch(remote, branch);
    if (!attached) {
      CacheLock.with(cache.repo.path(), () -> tree.add(cache.repo, commit));
    }
    Path admin =
        tree.adminDirectory()
            .orElseThrow(
                () -> new IllegalStateException("bug: no worktree in " + dir + " after add"));
    tree.removeLeftovers(admin);
    tree.switchTo(branch, commit);
    return new Workspace(repo, remote, branch, dir, commit);
  }

  /** Whether the worktree differs from its base: changed or untracked files, or new commits. */
  @Override
  public boolean hasChanges(Workspace workspace) {
    checkedCache(workspace);
    return commits.hasChanges(workspace);
  }

  /**
   * Stages everything ({@code git add --all}) and commits it with the request's trailers after the
   * message. Commits the agent made itself are folded into this one commit, so a job has exactly
   * one commit carrying its trailers, whose parent is the workspace's base. The commit lives in the
   * cache clone (on the worktree's branch there), so it can be pushed after the worker directory
   * went to another job. Empty, and nothing committed, when nothing changed.
   */
  @Override
  public Optional<String> commitAll(Workspace workspace, CommitRequest commit) {
    checkedCache(workspace);
    Optional<String> made =
        commits.commitAll(workspace, commit, cache(workspace.repo()).repo.objects());
    made.ifPresent(sha -> cache(workspace.repo()).committed());
    return made;
  }

  /**
   * Pushes {@code commit} to the workspace's branch from the cache clone; the workspace's directory
   * is not used. A push rejected because the branch moved is replayed onto the new head and pushed
   * again; a conflict leaves the work on {@code refs/delegate/recovery/<jobId>} on the remote and
   * throws a {@code PermanentException} naming that ref.
   */
  @Override
  public String push(Workspace workspace, String commit, String jobId) {
    return pushResult(workspace, commit, jobId).commit();
  }

  /** {@link #push(Workspace, String, String)}, saying whether it pushed and whether it rebased. */
  public PushResult pushResult(Workspace workspace, String commit, String jobId) {
    Cache cache = cache(workspace.repo());
    PushResult result = pusher.push(workspace, cache.repo, cache.fetcher, commit, jobId);
    cache.maintainIfDue();
    return result;
  }

  /** Paths changed by {@code sha}, read from the cache clone. */
  @Override
  public List<String> changedFiles(Workspace workspace, String sha) {
    return cache(workspace.repo()).repo.objects().changedFiles(sha);
  }

  /** Fetches {@code branch} into the cache, then {@link #findCommitWithTrailer} on it. */
  @Override
  public Optional<String> findPushedCommit(
      RepoRef repo, GitRemote remote, String branch, String trailerKey, String value) {
    BranchName.validate(branch);
    Trailers.checkKey(trailerKey);
    Cache cache = cache(repo);
    cache.fetcher.fetch(remote, branch);
    return cache
        .repo
        .objects()
        .findWithTrailer(
            CacheRepo.trackingRef(branch), trailerKey, value, config.trailerScanDepth());
  }

  /**
   * The newest commit on the workspace's remote branch, as last fetched or pushed, whose trailer
   * {@code key} has {@code value}, among the branch's last {@link
   * WorkspacesConfig#trailerScanDepth()} commits. Does not fetch.
   */
  public Optional<String> findCommitWithTrailer(Workspace workspace, String key, String value) {
    Trailers.checkKey(key);
    return cache(workspace.repo())
        .repo
        .objects()
        .findWithTrailer(
            CacheRepo.trackingRef(workspace.branch()), key, value, config.trailerScanDepth());
  }

  /**
   * Rebases {@code branch} onto {@code onto}'s head in a scratch worktree of the cache under {@code
   * <data>/rebase/}, removed afterwards: a stop is aborted and described, a finished rebase's
   * commits stay in the cache for {@link #pushRebased}.
   */
  @Override
  public RebaseTrial tryRebase(
      RepoRef repo, GitRemote remote, String branch, String onto, Committer committer) {
    BranchName.validate(branch);
    BranchName.validate(onto);
    Cache cache = cache(repo);
    String head = cache.fetcher.fetch(remote, branch);
    String base = cache.fetcher.fetch(remote, onto);
    removeStaleScratch();
    Path scratch = dataDirectory.resolve("rebase").resolve(UUID.randomUUID().toString());
    createDirectories(scratch);
    try {
      CacheLock.with(cache.repo.path(), () -> new WorkerTree(git, scratch).add(cache.repo, head));
      RebaseStep step = rebaser.start(scratch, base, committer);
      rebaser.abort(scratch);
      return new RebaseTrial(head, base, step);
    } finally {
      DirectoryTrees.delete(scratch);
      CacheLock.with(cache.repo.path(), () -> git.run(cache.repo.path(), "worktree", "prune"));
    }
  }

  /** Removes scratch worktrees a process that died while rebasing left, older than stale locks. */
  private void removeStaleScratch() {
    Path root = dataDirectory.resolve("rebase");
    if (!Files.isDirectory(root)) {
      return;
    }
    java.time.Instant cutoff = java.time.Instant.now().minus(config.staleLockAge());
    try (var entries = Files.list(root)) {
      for (Path entry : entries.toList()) {
        if (Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
          DirectoryTrees.delete(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + root, e);
    }
  }

  @Override
  public RebaseStep startRebase(Workspace workspace, String ontoCommit, Committer committer) {
    checkedCache(workspace);
    return rebaser.start(workspace.directory(), ontoCommit, committer);
  }

  @Override
  public RebaseStep continueRebase(Workspace workspace, RebaseStop stop, Committer committer) {
    checkedCache(workspace);
    String onto =
        git.run(workspace.directory(), "rev-parse", "--git-path", "rebase-merge/onto").strip();
    Path ontoFile = workspace.directory().resolve(onto);
    String ontoCommit = Files.isRegularFile(ontoFile) ? read(ontoFile) : "HEAD";
    return rebaser.proceed(workspace.directory(), ontoCommit, stop, committer);
  }

  @Override
  public void abortRebase(Workspace workspace) {
    checkedCache(workspace);
    rebaser.abort(workspace.directory());
  }

  /**
   * Pushes a rebased {@code head} from the cache with a lease on {@code lease} (never a plain
   * force); the tracking ref follows when it was pushed.
   */
  @Override
  public boolean pushRebased(
      RepoRef repo, GitRemote remote, String branch, String head, String lease) {
    BranchName.validate(branch);
    Cache cache = cache(repo);
    boolean pushed = pusher.pushWithLease(cache.repo, remote, branch, head, lease);
    if (pushed) {
      cache.repo.recordPushed(branch, head);
    }
    return pushed;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /** The ref a conflicting push leaves on the remote for {@code jobId}. */
  public static String recoveryRef(String jobId) {
    return Pusher.RECOVERY_PREFIX + Pusher.checkJobId(jobId);
  }

  private Cache cache(RepoRef repo) {
    return caches.computeIfAbsent(
        cachePath(repo),
        path -> new Cache(new CacheRepo(git, path, config.staleLockAge()), git, local));
  }

  /** The workspace's cache, with its config reset, after checking the worktree is still ours. */
  private CacheRepo checkedCache(Workspace ws) {
    Path cachePath = cachePath(ws.repo());
    WorkerTree tree = new WorkerTree(git, ws.directory());
    if (tree.adminDirectory().isEmpty() || !tree.belongsTo(cachePath)) {
      throw new PermanentException(
          ws.directory()
              + " is no longer a worktree of "
              + cachePath
              + " (its .git was removed or replaced during the job); prepare it again");
    }
    CacheRepo cache = cache(ws.repo()).repo;
    cache.resetConfig();
    return cache;
  }

  private void detach(WorkerTree tree) {
    Optional<Path> oldCache = tree.ownerCache().filter(Files::isDirectory);
    if (!tree.isEmpty()) {
      tree.clear(dataDirectory.resolve("workers"), dataDirectory.resolve("repos"));
    }
    oldCache.ifPresent(c -> CacheLock.with(c, () -> git.run(c, "worktree", "prune")));
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the worker directory " + dir, e);
    }
  }

  /** One repository's cache clone, its fetcher, and when it is due for garbage collection. */
  private static final class Cache {
    private static final int COMMITS_BETWEEN_MAINTENANCE = 256;
    final CacheRepo repo;
    final Fetcher fetcher;
    private final AtomicInteger commitsSinceMaintenance = new AtomicInteger();

    Cache(CacheRepo repo, Git git, LocalTransport local) {
      this.repo = repo;
      this.fetcher = new Fetcher(git, repo, local);
    }

    void committed() {
      commitsSinceMaintenance.incrementAndGet();
    }

    /** Packs loose objects now and then; our own git commands never start a gc by themselves. */
    void maintainIfDue() {
      if (commitsSinceMaintenance.get() >= COMMITS_BETWEEN_MAINTENANCE) {
        commitsSinceMaintenance.set(0);
        CacheLock.with(repo.path(), repo::collectGarbage);
      }
    }
  }
}
