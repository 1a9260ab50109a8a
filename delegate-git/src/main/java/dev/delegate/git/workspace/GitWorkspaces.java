package dev.delegate.git.workspace;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.core.workspace.Workspaces;
import dev.delegate.git.BranchName;
import dev.delegate.git.cli.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Workspaces} on the git CLI: one cache clone per repository ({@code
 * <data>/repos/<owner>/<name>.git}, bare) and one worktree of it per worker, in the worker's own
 * directory. A job's worktree is switched to its branch with fetch, {@code checkout -B}, {@code
 * reset --hard} and {@code clean -ffdx}: no stash, no checkout shared between jobs. See the
 * module's README.
 */
public final class GitWorkspaces implements Workspaces {
  /** The trailer that names a commit's job; {@link #push(Workspace)} names recovery refs by it. */
  public static final String JOB_TRAILER = "Delegate-Job";

  private final Path dataDirectory;
  private final Git git;
  private final WorkspacesConfig config;
  private final Pusher pusher;
  private final Commits commits;

  public GitWorkspaces(Path dataDirectory, Git git) {
    this(dataDirectory, git, WorkspacesConfig.DEFAULT);
  }

  public GitWorkspaces(Path dataDirectory, Git git, WorkspacesConfig config) {
    this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
    this.git = Objects.requireNonNull(git, "git");
    this.config = Objects.requireNonNull(config, "config");
    this.pusher = new Pusher(git, config.pushAttempts());
    this.commits = new Commits(git);
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
    CacheRepo cache = new CacheRepo(git, cachePath(repo));
    WorkerTree tree = new WorkerTree(git, dir);
    boolean attached = tree.adminDirectory().isPresent() && tree.belongsTo(cache.path());
    if (!attached) {
      detach(tree);
    }
    String commit =
        CacheLock.with(
            cache.path(),
            () -> {
              String head = fetch(cache, remote, branch);
              if (!attached) {
                tree.add(cache, head);
              }
              return head;
            });
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
   * one commit carrying its trailers. Empty, and nothing committed, when nothing changed.
   */
  @Override
  public Optional<String> commitAll(Workspace workspace, CommitRequest commit) {
    checkedCache(workspace);
    return commits.commitAll(workspace, commit);
  }

  /**
   * {@link #push(Workspace, String)} with the job id taken from the head commit's {@value
   * #JOB_TRAILER} trailer (or {@code commit-<sha>} without one); returns our head.
   */
  @Override
  public String push(Workspace workspace) {
    String jobId =
        commits
            .headTrailer(workspace.directory(), JOB_TRAILER)
            .filter(Pusher::isJobId)
            .orElseGet(() -> "commit-" + commits.head(workspace.directory()).substring(0, 12));
    return push(workspace, jobId).commit();
  }

  /**
   * Pushes the worktree's commits to its branch. A push rejected because the branch moved is
   * rebased onto the new head and pushed again; a conflicting rebase is aborted, the work pushed to
   * {@code refs/delegate/recovery/<jobId>} and a {@code PermanentException} naming that ref thrown.
   */
  public PushResult push(Workspace workspace, String jobId) {
    return pusher.push(workspace, checkedCache(workspace), jobId);
  }

  @Override
  public List<String> changedFiles(Workspace workspace, String sha) {
    return commits.changedFiles(workspace.directory(), sha);
  }

  /** Fetches {@code branch} into the cache, then {@link #findCommitWithTrailer} on it. */
  @Override
  public Optional<String> findPushedCommit(
      RepoRef repo, GitRemote remote, String branch, String trailerKey, String value) {
    BranchName.validate(branch);
    CacheRepo cache = new CacheRepo(git, cachePath(repo));
    CacheLock.with(cache.path(), () -> fetch(cache, remote, branch));
    return commits.findWithTrailer(
        cache.path(), CacheRepo.trackingRef(branch), trailerKey, value, config.trailerScanDepth());
  }

  /**
   * The newest commit on the workspace's remote branch, as last fetched or pushed, whose trailer
   * {@code key} has {@code value}, among the branch's last {@link
   * WorkspacesConfig#trailerScanDepth()} commits. Does not fetch.
   */
  public Optional<String> findCommitWithTrailer(Workspace workspace, String key, String value) {
    return commits.findWithTrailer(
        cachePath(workspace.repo()),
        CacheRepo.trackingRef(workspace.branch()),
        key,
        value,
        config.trailerScanDepth());
  }

  /** The ref a conflicting push leaves on the remote for {@code jobId}. */
  public static String recoveryRef(String jobId) {
    return Pusher.RECOVERY_PREFIX + Pusher.checkJobId(jobId);
  }

  /** Call with the cache lock held. */
  private String fetch(CacheRepo cache, GitRemote remote, String branch) {
    cache.ensure();
    cache.removeStaleLocks(config.staleLockAge());
    return cache.fetch(remote, branch);
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
    CacheRepo cache = new CacheRepo(git, cachePath);
    CacheLock.with(cachePath, cache::resetConfig);
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
}
