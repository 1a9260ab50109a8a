package dev.delegate.git.workspace;

import dev.delegate.core.TransientException;
import dev.delegate.core.forge.GitRemote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Fetch and push between a cache clone and a repository on this machine ({@code file://} without
 * credentials, the local forge), done in this process: the objects one side lacks are copied (a new
 * commit brings its own tree entries, nothing else), then the ref moves by compare-and-swap on
 * git's own lock file. Spawning {@code git push} for the same work starts eight processes and costs
 * about 35 ms of CPU; this costs a few hundred microseconds. Remotes elsewhere (GitHub, a forge
 * over HTTP) go through the git CLI.
 */
final class LocalTransport implements AutoCloseable {
  private static final int LOCK_ATTEMPTS = 20;
  private final ConcurrentHashMap<Path, Repository> open = new ConcurrentHashMap<>();

  /** The repository directory of {@code remote} when it lies on this machine and needs no login. */
  static Optional<Path> localPath(GitRemote remote) {
    if (!remote.url().startsWith("file://") || !remote.environment().isEmpty()) {
      return Optional.empty();
    }
    // the local forge writes the path as it is, not percent-encoded, as git itself takes it
    Path path = Path.of(remote.url().substring("file://".length()));
    return path.isAbsolute() && Files.isRegularFile(path.resolve("HEAD"))
        ? Optional.of(path)
        : Optional.empty();
  }

  /**
   * Copies {@code branch} of the repository at {@code remote} into {@code cache} as {@code
   * trackingRef}; the commit, or empty when the branch does not exist there.
   */
  Optional<String> fetch(Path remote, String branch, Repository cache, String trackingRef) {
    Repository source = repository(remote);
    try {
      Ref ref = source.exactRef(Constants.R_HEADS + branch);
      if (ref == null || ref.getObjectId() == null) {
        return Optional.empty();
      }
      ObjectId head = ref.getObjectId();
      copyHistory(source, cache, head);
      if (!move(cache, trackingRef, head, null)) {
        throw new RefLocked(trackingRef + " stays locked by another git (or a crashed one)");
      }
      return Optional.of(head.name());
    } catch (IOException e) {
      throw new UncheckedIOException("could not fetch " + branch + " from " + remote, e);
    }
  }

  /**
   * Copies {@code commit} and what the repository at {@code remote} lacks of it, then moves {@code
   * ref} there from {@code expected} (null: whatever it points at) to {@code commit}. False, with
   * no ref moved, when {@code ref} was not at {@code expected}: it moved on meanwhile.
   */
  boolean push(Repository cache, Path remote, String commit, String ref, String expected) {
    Repository target = repository(remote);
    try {
      ObjectId id = ObjectId.fromString(commit);
      copyHistory(cache, target, id);
      return move(target, ref, id, expected == null ? null : ObjectId.fromString(expected));
    } catch (IOException e) {
      throw new UncheckedIOException("could not push " + commit + " to " + remote, e);
    }
  }

  private Repository repository(Path path) {
    return open.computeIfAbsent(
        path.toAbsolutePath().normalize(),
        p -> {
          try {
            return new FileRepositoryBuilder()
                .setGitDir(p.toFile())
                .setMustExist(true)
                .setBare()
                .build();
          } catch (IOException e) {
            throw new UncheckedIOException("could not open the repository " + p, e);
          }
        });
  }

  /** Copies the commits from {@code start} back to those {@code to} has, with their trees. */
  private static void copyHistory(Repository from, Repository to, ObjectId start)
      throws IOException {
    try (ObjectReader source = from.newObjectReader();
        ObjectReader present = to.newObjectReader();
        ObjectInserter inserter = to.newObjectInserter();
        RevWalk walk = new RevWalk(source)) {
      List<RevCommit> missing = new ArrayList<>();
      Deque<ObjectId> todo = new ArrayDeque<>(List.of(start));
      Set<ObjectId> seen = new HashSet<>();
      while (!todo.isEmpty()) {
        ObjectId id = todo.pop();
        if (!seen.add(id) || present.has(id)) {
          continue;
        }
        RevCommit commit = walk.parseCommit(id);
        missing.add(commit);
        for (RevCommit parent : commit.getParents()) {
          todo.push(parent);
        }
      }
      Set<ObjectId> copied = new HashSet<>();
      for (RevCommit commit : missing.reversed()) {
        copyTree(source, present, inserter, commit.getTree(), copied);
        inserter.insert(
            Constants.OBJ_COMMIT, source.open(commit).getCachedBytes(Integer.MAX_VALUE));
      }
      inserter.flush();
    }
  }

  /** Copies a tree and, recursively, the entries {@code to} lacks; subtrees it has are complete. */
  private static void copyTree(
      ObjectReader source,
      ObjectReader present,
      ObjectInserter inserter,
      ObjectId tree,
      Set<ObjectId> copied)
      throws IOException {
    if (copied.contains(tree) || present.has(tree)) {
      return;
    }
    byte[] raw = source.open(tree, Constants.OBJ_TREE).getCachedBytes(Integer.MAX_VALUE);
    CanonicalTreeParser entries = new CanonicalTreeParser(null, source, tree);
    for (; !entries.eof(); entries.next()) {
      ObjectId entry = entries.getEntryObjectId();
      FileMode mode = entries.getEntryFileMode();
      if (mode == FileMode.TREE) {
        copyTree(source, present, inserter, entry, copied);
      } else if (mode != FileMode.GITLINK && !copied.contains(entry) && !present.has(entry)) {
        ObjectLoader blob = source.open(entry, Constants.OBJ_BLOB);
        try (InputStream content = blob.openStream()) {
          inserter.insert(Constants.OBJ_BLOB, blob.getSize(), content);
        }
        copied.add(entry.copy());
      }
    }
    inserter.insert(Constants.OBJ_TREE, raw);
    copied.add(tree.copy());
  }

  /**
   * Moves {@code ref} to {@code to}, only from {@code expected} when that is given. A lock file
   * held by another writer (a {@code git push} landing on the same ref) is waited out briefly;
   * false only when the ref itself is not where it was expected.
   */
  private static boolean move(Repository repository, String ref, ObjectId to, ObjectId expected)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      RefUpdate update = repository.updateRef(ref);
      update.setNewObjectId(to);
      update.setForceUpdate(true);
      update.disableRefLog();
      if (expected != null) {
        update.setExpectedOldObjectId(expected);
      }
      RefUpdate.Result result = update.update();
      switch (result) {
        case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
          return true;
        }
        case LOCK_FAILURE -> {
          Ref now = repository.exactRef(ref);
          ObjectId current = now == null ? null : now.getObjectId();
          boolean stillExpected = expected == null || expected.equals(current);
          if (!stillExpected || attempt >= LOCK_ATTEMPTS) {
            return false;
          }
          pause();
        }
        default -> throw new IOException("moving " + ref + " ended " + result);
      }
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a ref lock", e);
    }
  }

  /** A ref whose lock file stayed in place while we tried to move it. */
  static final class RefLocked extends TransientException {
    RefLocked(String message) {
      super(message);
    }
  }

  @Override
  public void close() {
    open.values().forEach(Repository::close);
    open.clear();
  }
}
