package dev.delegate.git.local;

import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitFailure;
import dev.delegate.git.cli.GitIdentity;
import dev.delegate.git.cli.GitResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare repository written in this process with JGit's object and ref plumbing: a commit is built
 * from its parent's tree in an in-memory index, and a branch moves only by compare-and-swap, so no
 * checkout is ever needed and concurrent writers (this process's, or a {@code git push} landing
 * meanwhile: both take git's ref lock files) cannot overwrite each other. Measured against spawning
 * the git CLI for the same steps in {@code bench/run plumbing}. Diffs, read by people, come from
 * the git CLI.
 */
final class BareRepo implements AutoCloseable {
  /** A branch lock older than this was left by a killed process. */
  static final Duration STALE_LOCK = Duration.ofSeconds(10);

  private final Git git;
  private final Path path;
  private final Repository repository;

  private BareRepo(Git git, Path path, Repository repository) {
    this.git = git;
    this.path = path;
    this.repository = repository;
  }

  /** Opens the repository at {@code path}, which must exist. */
  static BareRepo open(Git git, Path path) {
    try {
      Repository repository =
          new FileRepositoryBuilder().setGitDir(path.toFile()).setMustExist(true).setBare().build();
      return new BareRepo(git, path, repository);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the repository " + path, e);
    }
  }

  /** Creates an empty bare repository at {@code path} whose HEAD names {@code defaultBranch}. */
  static BareRepo init(Git git, Path path, String defaultBranch) {
    git.run(path, "init", "--quiet", "--bare", "--initial-branch=" + defaultBranch);
    return open(git, path);
  }

  static boolean exists(Path path) {
    return Files.isRegularFile(path.resolve("HEAD"));
  }

  Path path() {
    return path;
  }

  /** The commit {@code branch} points at, if it exists. */
  Optional<String> head(String branch) {
    try {
      Ref ref = repository.exactRef(Constants.R_HEADS + branch);
      return ref == null || ref.getObjectId() == null
          ? Optional.empty()
          : Optional.of(ref.getObjectId().name());
    } catch (IOException e) {
      throw failure("read branch " + branch, e);
    }
  }

  /** Every branch and the commit it points at, read afresh (a push may have moved them). */
  Map<String, String> branches() {
    try {
      repository.getRefDatabase().refresh();
      Map<String, String> branches = new java.util.HashMap<>();
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        if (ref.getObjectId() != null) {
          branches.put(
              ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId().name());
        }
      }
      return branches;
    } catch (IOException e) {
      throw failure("list the branches", e);
    }
  }

  /**
   * Moves {@code branch} from {@code expected} (null: the branch must not exist yet) to {@code
   * commit}. Returns false when the branch was not at {@code expected}: someone else won.
   */
  boolean updateBranch(String branch, String commit, String expected) {
    if (tryUpdateBranch(branch, commit, expected)) {
      return true;
    }
    return removeStaleLock(branch) && tryUpdateBranch(branch, commit, expected);
  }

  /**
   * Removes {@code branch}'s lock file when it is older than {@link #STALE_LOCK}: a ref is locked
   * for milliseconds, so such a lock was left by a process killed while it moved the branch, and
   * would block the branch for good. True when one was removed.
   */
  private boolean removeStaleLock(String branch) {
    Path lock = path.resolve(Constants.R_HEADS + branch + ".lock");
    try {
      if (Files.exists(lock)
          && Files.getLastModifiedTime(lock)
              .toInstant()
              .isBefore(Instant.now().minus(STALE_LOCK))) {
        Files.deleteIfExists(lock);
        return true;
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean tryUpdateBranch(String branch, String commit, String expected) {
    try {
      RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
      update.setNewObjectId(ObjectId.fromString(commit));
      update.setExpectedOldObjectId(
          expected == null ? ObjectId.zeroId() : ObjectId.fromString(expected));
      update.setForceUpdate(true); // the expected old value is the guard, not fast-forwarding
      update.setRefLogMessage("delegate: update " + branch, false);
      RefUpdate.Result result = update.update();
      return switch (result) {
        case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> true;
        case LOCK_FAILURE, REJECTED, REJECTED_CURRENT_BRANCH, REJECTED_MISSING_OBJECT -> false;
        default ->
            throw new IllegalStateException(
                "updating " + branch + " in " + path + " ended " + result);
      };
    } catch (IOException e) {
      throw failure("move branch " + branch, e);
    }
  }

  /** Whether {@code branch} is locked by a process moving it (or killed while it did). */
  boolean isLocked(String branch) {
    return Files.exists(path.resolve(Constants.R_HEADS + branch + ".lock"));
  }

  /** Deletes {@code branch}; false when it did not exist. */
  boolean deleteBranch(String branch) {
    try {
      Ref ref = repository.exactRef(Constants.R_HEADS + branch);
      if (ref == null) {
        return false;
      }
      RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
      update.setExpectedOldObjectId(ref.getObjectId());
      update.setForceUpdate(true);
      RefUpdate.Result result = update.delete();
      return result == RefUpdate.Result.FORCED || result == RefUpdate.Result.NO_CHANGE;
    } catch (IOException e) {
      throw failure("delete branch " + branch, e);
    }
  }

  /** The text of {@code path} in {@code commit}'s tree, if it is a file there. */
  Optional<String> read(String commit, String path) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit parsed = walk.parseCommit(ObjectId.fromString(commit));
      try (TreeWalk tree = TreeWalk.forPath(repository, path, parsed.getTree())) {
        if (tree == null || (tree.getFileMode(0).getObjectType() != Constants.OBJ_BLOB)) {
          return Optional.empty();
        }
        return Optional.of(
            new String(
                repository.open(tree.getObjectId(0)).getCachedBytes(64 << 20),
                StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw failure("read " + path + " at " + commit, e);
    }
  }

  /**
   * A new commit whose tree is {@code parent}'s (or empty) with {@code files} written into it. Does
   * not move any branch.
   */
  String commit(String parent, Map<String, String> files, String message, GitIdentity author) {
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      DirCache index = DirCache.newInCore();
      RevCommit parentCommit = null;
      if (parent != null) {
        parentCommit = walk.parseCommit(ObjectId.fromString(parent));
        var builder = index.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parentCommit.getTree());
        builder.finish();
      }
      DirCacheEditor editor = index.editor();
      for (Map.Entry<String, String> file : files.entrySet()) {
        ObjectId blob =
            inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8));
        DirCacheEntry existing = index.getEntry(file.getKey());
        FileMode mode =
            existing != null && existing.getFileMode() == FileMode.EXECUTABLE_FILE
                ? FileMode.EXECUTABLE_FILE
                : FileMode.REGULAR_FILE;
        editor.add(
            new DirCacheEditor.PathEdit(file.getKey()) {
              @Override
              public void apply(DirCacheEntry entry) {
                entry.setFileMode(mode);
                entry.setObjectId(blob);
              }
            });
      }
      editor.finish();
      ObjectId tree = index.writeTree(inserter);
      PersonIdent who = new PersonIdent(author.name(), author.email());
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (parentCommit != null) {
        commit.setParentId(parentCommit);
      }
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message.endsWith("\n") ? message : message + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id.name();
    } catch (IOException e) {
      throw failure("write a commit", e);
    }
  }

  /** Whether {@code ancestor} is {@code commit} or one of its ancestors. */
  boolean isAncestor(String ancestor, String commit) {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.isMergedInto(
          walk.parseCommit(ObjectId.fromString(ancestor)),
          walk.parseCommit(ObjectId.fromString(commit)));
    } catch (IOException e) {
      throw failure("compare commits", e);
    }
  }

  /**
   * Whether {@code head} merges into {@code base} without a conflict: {@code git merge-tree
   * --write-tree}, which needs no checkout and writes no ref.
   */
  boolean merges(String base, String head) {
    GitResult result =
        git.tryExec(
            GitCommand.in(
                path,
                "merge-tree",
                "--write-tree",
                "--no-messages",
                "refs/heads/" + base,
                "refs/heads/" + head));
    if (result.exitCode() > 1) {
      throw GitFailure.of(result);
    }
    return result.ok();
  }

  /** {@code git diff base...head}: what {@code head} changed since it forked from {@code base}. */
  String diff(String base, String head) {
    return git.run(path, "diff", "refs/heads/" + base + "...refs/heads/" + head, "--");
  }

  @Override
  public void close() {
    repository.close();
  }

  private UncheckedIOException failure(String what, IOException e) {
    return new UncheckedIOException("could not " + what + " in " + path + ": " + e.getMessage(), e);
  }
}
