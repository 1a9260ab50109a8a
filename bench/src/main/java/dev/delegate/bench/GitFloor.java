package dev.delegate.bench;

import dev.delegate.git.DirectoryTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The floor a task's git work cannot go below, as bare git commands: the delegation's branch and
 * TASK.md commit written with plumbing into a bare repository, then in a long-lived clone the
 * fetch, {@code checkout -B}, {@code clean}, the agent's file, {@code add}, {@code commit} and
 * {@code push} of the processor.
 */
final class GitFloor implements AutoCloseable {
  private static final Map<String, String> IDENTITY =
      Map.of(
          "GIT_AUTHOR_NAME", "Bench",
          "GIT_AUTHOR_EMAIL", "bench@localhost",
          "GIT_COMMITTER_NAME", "Bench",
          "GIT_COMMITTER_EMAIL", "bench@localhost");
  private final Path root;
  private final Path bare;
  private final Path clone;

  private GitFloor(Path root) {
    this.root = root;
    this.bare = root.resolve("forge.git");
    this.clone = root.resolve("clone");
  }

  static GitFloor create(Path root) throws IOException {
    GitFloor floor = new GitFloor(root);
    Path seed = Files.createDirectories(root.resolve("seed"));
    PlainGit.run(seed, Map.of(), "init", "--quiet", "--initial-branch=main");
    Files.writeString(seed.resolve("README.md"), "sample\n");
    PlainGit.run(seed, Map.of(), "add", "-A");
    PlainGit.run(seed, IDENTITY, "commit", "--quiet", "-m", "initial");
    PlainGit.run(root, Map.of(), "clone", "--quiet", "--bare", seed.toString(), "forge.git");
    PlainGit.clone("file://" + floor.bare, floor.clone);
    return floor;
  }

  /** One task's git work; returns its milliseconds. */
  double task(int i) {
    long start = System.nanoTime();
    String branch = "feature/floor-" + i;
    String index = root.resolve("index-" + i).toString();
    Map<String, String> env = Map.of("GIT_INDEX_FILE", index);
    String blob = blob("TASK.md for " + i + "\n");
    PlainGit.run(bare, env, "read-tree", "main");
    PlainGit.run(bare, env, "update-index", "--add", "--cacheinfo", "100644," + blob + ",TASK.md");
    String tree = PlainGit.run(bare, env, "write-tree").strip();
    String commit =
        PlainGit.run(bare, IDENTITY, "commit-tree", tree, "-p", "main", "-m", "feat: " + i).strip();
    PlainGit.run(bare, Map.of(), "update-ref", "refs/heads/" + branch, commit, "");
    PlainGit.run(clone, Map.of(), "fetch", "--quiet", "origin", branch);
    PlainGit.run(clone, Map.of(), "checkout", "--quiet", "--force", "-B", branch, "FETCH_HEAD");
    PlainGit.run(clone, Map.of(), "clean", "-ffdxq");
    try {
      Files.createDirectories(clone.resolve("notes"));
      Files.writeString(clone.resolve("notes/" + i + ".md"), "Note " + i + "\n");
      Files.deleteIfExists(Path.of(index));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PlainGit.run(clone, Map.of(), "add", "-A");
    PlainGit.run(clone, IDENTITY, "commit", "--quiet", "-m", "feat: implement " + i);
    PlainGit.run(clone, Map.of(), "push", "--quiet", "origin", branch);
    return (System.nanoTime() - start) / 1e6;
  }

  private String blob(String text) {
    try {
      Path file = Files.writeString(root.resolve("blob.txt"), text);
      return PlainGit.run(bare, Map.of(), "hash-object", "-w", file.toString()).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    DirectoryTrees.deleteContents(root);
  }
}
