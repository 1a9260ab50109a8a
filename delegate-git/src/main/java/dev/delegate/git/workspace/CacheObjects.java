package dev.delegate.git.workspace;

import dev.delegate.git.cli.GitIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
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
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A cache clone's objects and refs, read and written in this process (JGit) instead of spawning
 * {@code git} for each small step: resolving a ref, writing the job's commit from the tree its
 * worktree staged, moving a ref, listing a commit's files, finding a commit by its trailer. The
 * worktrees themselves (checkout, clean, add) stay on the git CLI. JGit takes the same lock files
 * as git, so the two can work on one repository at once.
 */
final class CacheObjects implements AutoCloseable {
  private final Path path;
  private final Repository repository;

  CacheObjects(Path path) {
    this.path = path;
    try {
      this.repository =
          new FileRepositoryBuilder().setGitDir(path.toFile()).setMustExist(true).setBare().build();
    } catch (IOException e) {
      throw failure("open", e);
    }
  }

  Repository repository() {
    return repository;
  }

  /** The commit {@code ref} points at, if it exists. */
  Optional<String> resolve(String ref) {
    try {
      Ref found = repository.exactRef(ref);
      return found == null || found.getObjectId() == null
          ? Optional.empty()
          : Optional.of(found.getObjectId().name());
    } catch (IOException e) {
      throw failure("read " + ref, e);
    }
  }

  /** The tree of {@code commit}. */
  String treeOf(String commit) {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(ObjectId.fromString(commit)).getTree().name();
    } catch (IOException e) {
      throw failure("read commit " + commit, e);
    }
  }

  /** Writes a commit of {@code tree} on {@code parent}, by {@code author}; moves no ref. */
  String commit(String tree, String parent, GitIdentity author, String message) {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      PersonIdent who = new PersonIdent(author.name(), author.email());
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(ObjectId.fromString(tree));
      commit.setParentId(ObjectId.fromString(parent));
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id.name();
    } catch (IOException e) {
      throw failure("write a commit", e);
    }
  }

  /**
   * {@code tree} with each named file at its top rewritten by its function (as UTF-8 text); files
   * the tree does not hold stay absent. Only the top-level tree is rebuilt.
   */
  String rewriteTopLevel(String tree, Map<String, UnaryOperator<String>> rewrites) {
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      TreeFormatter formatter = new TreeFormatter();
      CanonicalTreeParser entries =
          new CanonicalTreeParser(null, reader, ObjectId.fromString(tree));
      for (; !entries.eof(); entries.next()) {
        String name = entries.getEntryPathString();
        FileMode mode = entries.getEntryFileMode();
        ObjectId id = entries.getEntryObjectId();
        UnaryOperator<String> rewrite = rewrites.get(name);
        if (rewrite != null && mode.getObjectType() == Constants.OBJ_BLOB) {
          String text =
              new String(reader.open(id, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
          id =
              inserter.insert(
                  Constants.OBJ_BLOB, rewrite.apply(text).getBytes(StandardCharsets.UTF_8));
        }
        formatter.append(entries.getEntryPathBuffer(), 0, entries.getEntryPathLength(), mode, id);
      }
      ObjectId rewritten = inserter.insert(formatter);
      inserter.flush();
      return rewritten.name();
    } catch (IOException e) {
      throw failure("rewrite files of tree " + tree, e);
    }
  }

  /** Points {@code ref} at {@code commit}, whatever it pointed at before. */
  void setRef(String ref, String commit) {
    try {
      RefUpdate update = repository.updateRef(ref);
      update.setNewObjectId(ObjectId.fromString(commit));
      update.setForceUpdate(true);
      update.disableRefLog();
      RefUpdate.Result result = update.update();
      switch (result) {
        case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {}
        default ->
            throw new UncheckedIOException(
                new IOException("could not move " + ref + " in " + path + ": " + result));
      }
    } catch (IOException e) {
      throw failure("move " + ref, e);
    }
  }

  /** Paths {@code commit} changed against its first parent (every path of a root commit). */
  List<String> changedFiles(String commit) {
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      tree.setRecursive(true);
      if (c.getParentCount() > 0) {
        tree.addTree(walk.parseCommit(c.getParent(0)).getTree());
        tree.addTree(c.getTree());
        tree.setFilter(TreeFilter.ANY_DIFF);
      } else {
        tree.addTree(c.getTree());
      }
      List<String> files = new ArrayList<>();
      while (tree.next()) {
        files.add(tree.getPathString());
      }
      return files;
    } catch (IOException e) {
      throw failure("list the files of " + commit, e);
    }
  }

  /**
   * The newest commit reachable from {@code ref}, among its first {@code depth}, whose trailer
   * {@code key} has {@code value}; empty when there is none or the ref does not exist.
   */
  Optional<String> findWithTrailer(String ref, String key, String value, int depth) {
    Optional<String> start = resolve(ref);
    if (start.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(start.get())));
      int seen = 0;
      for (RevCommit commit : walk) {
        if (++seen > depth) {
          break;
        }
        if (commit.getFooterLines(key).stream().anyMatch(v -> v.strip().equals(value))) {
          return Optional.of(commit.name());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw failure("read the history of " + ref, e);
    }
  }

  static String branchRef(String branch) {
    return Constants.R_HEADS + branch;
  }

  @Override
  public void close() {
    repository.close();
  }

  private UncheckedIOException failure(String what, IOException e) {
    return new UncheckedIOException("could not " + what + " in " + path + ": " + e.getMessage(), e);
  }
}
