package dev.delegate.git.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One git invocation: arguments (never a shell string), the directory it runs in, extra
 * environment, an optional timeout (else the runner's default) and optional standard input.
 */
public record GitCommand(
    Path directory,
    List<String> args,
    Map<String, String> environment,
    Duration timeout,
    String input) {

  public GitCommand {
    Objects.requireNonNull(directory, "directory");
    args = List.copyOf(args);
    environment = Map.copyOf(environment);
    if (args.isEmpty()) {
      throw new IllegalArgumentException("a git command needs at least one argument");
    }
  }

  /** {@code git args...} in {@code directory}. */
  public static GitCommand in(Path directory, String... args) {
    return new GitCommand(directory, List.of(args), Map.of(), null, null);
  }

  /** {@code git args...} in {@code directory}. */
  public static GitCommand in(Path directory, List<String> args) {
    return new GitCommand(directory, args, Map.of(), null, null);
  }

  /** This command with {@code extra} added to its environment. */
  public GitCommand env(Map<String, String> extra) {
    Map<String, String> merged = new HashMap<>(environment);
    merged.putAll(extra);
    return new GitCommand(directory, args, merged, timeout, input);
  }

  public GitCommand timeout(Duration value) {
    return new GitCommand(directory, args, environment, value, input);
  }

  /** This command with {@code text} (UTF-8) on its standard input. */
  public GitCommand input(String text) {
    return new GitCommand(directory, args, environment, timeout, text);
  }
}
