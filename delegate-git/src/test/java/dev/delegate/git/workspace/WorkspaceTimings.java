package dev.delegate.git.workspace;

import dev.delegate.core.workspace.Workspace;
import dev.delegate.git.DirectoryTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not a test: measures prepare + commit + push against the plain git commands doing the same work
 * in one clone (fetch, checkout -B, reset --hard, clean, add, commit, push), on a small local-forge
 * repository. Prints medians. Run with the test classpath: {@code java -cp …
 * dev.delegate.git.workspace.WorkspaceTimings [runs]}.
 */
public final class WorkspaceTimings {
  private WorkspaceTimings() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    Path data = Files.createTempDirectory("delegate-timings");
    Fixture f = new Fixture(data);
    String branch = f.branch("feature/timing");
    String url = f.forge.remote(f.repo).url();

    long start = System.nanoTime();
    f.prepare(branch, 1);
    System.out.printf("first prepare (clone cache + add worktree): %d ms%n", ms(start));

    List<Long> delegate = new ArrayList<>();
    List<Long> plain = new ArrayList<>();
    Path clone = data.resolve("plain");
    git(data, "clone", "--quiet", url, clone.toString());
    for (int i = 0; i < runs; i++) {
      start = System.nanoTime();
      Workspace ws = f.prepare(branch, 1);
      Fixture.write(ws.directory(), "d" + i + ".txt", "delegate " + i + "\n");
      String commit =
          f.commit(ws, "feat: run " + i, Map.of("Delegate-Job", "timing-" + i)).orElseThrow();
      f.workspaces.push(ws, commit, "timing-" + i);
      delegate.add(ms(start));

      start = System.nanoTime();
      git(clone, "fetch", "--quiet", "origin", branch);
      git(clone, "checkout", "--quiet", "-B", branch, "origin/" + branch);
      git(clone, "reset", "--quiet", "--hard", "origin/" + branch);
      git(clone, "clean", "-ffdxq");
      Files.writeString(clone.resolve("p" + i + ".txt"), "plain " + i + "\n");
      git(clone, "add", "-A");
      git(
          clone,
          "-c",
          "user.name=T",
          "-c",
          "user.email=t@example.com",
          "commit",
          "--quiet",
          "-m",
          "run " + i);
      git(clone, "push", "--quiet", "origin", "HEAD:refs/heads/" + branch);
      plain.add(ms(start));
    }
    System.out.printf("runs: %d%n", runs);
    System.out.printf(
        "Delegate prepare+commit+push: median %d ms, all %s%n", median(delegate), delegate);
    System.out.printf("plain git, same work:         median %d ms, all %s%n", median(plain), plain);
    DirectoryTrees.delete(data);
  }

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("git " + String.join(" ", args) + " failed");
    }
  }

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
