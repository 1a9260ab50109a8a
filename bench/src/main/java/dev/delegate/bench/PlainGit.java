package dev.delegate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bare git commands doing the processor's work in one long-lived clone: fetch, {@code checkout
 * -B}, {@code reset --hard}, {@code clean -ffdx}, the change, {@code add -A}, {@code commit},
 * {@code push}. Each command is one {@link ProcessBuilder} with an argument array.
 */
final class PlainGit {
  private final Path clone;

  private PlainGit(Path clone) {
    this.clone = clone;
  }

  /** Clones {@code url} into {@code dir} (not timed). */
  static PlainGit clone(String url, Path dir) {
    run(dir.getParent(), Map.of(), "clone", "--quiet", url, dir.toString());
    return new PlainGit(dir);
  }

  Path directory() {
    return clone;
  }

  /** One iteration on {@code branch}; returns the clock at the start and after each step. */
  long[] iteration(String branch, String edited, int i) {
    long start = System.nanoTime();
    git("fetch", "--quiet", "origin", branch);
    git("checkout", "--quiet", "-B", branch, "FETCH_HEAD");
    git("reset", "--quiet", "--hard");
    git("clean", "-ffdxq");
    long prepared = System.nanoTime();
    Change.apply(clone, edited, i, Change.BARE_GIT);
    long written = System.nanoTime();
    git("add", "-A");
    run(
        clone,
        Change.IDENTITY.environment(),
        "commit",
        "--quiet",
        "-m",
        Change.message(i),
        "-m",
        Change.TRAILER + ": " + Change.jobId(Change.BARE_GIT, i));
    long committed = System.nanoTime();
    git("push", "--quiet", "origin", branch);
    return new long[] {start, prepared, written, committed, System.nanoTime()};
  }

  private void git(String... args) {
    run(clone, Map.of(), args);
  }

  /** Runs {@code git args...} in {@code dir}; returns its output, throws when it fails. */
  static String run(Path dir, Map<String, String> env, String... args) {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
    builder.redirectErrorStream(true).environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("could not run git " + String.join(" ", args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while git ran", e);
    }
  }
}
