package dev.delegate.git.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the git CLI with an argument list through {@link ProcessBuilder}, never a shell string.
 *
 * <p>Every invocation gets {@code -c core.hooksPath=/dev/null} (the repository's hooks, which an
 * agent may have written, never run on our commits, fetches or pushes), {@code -c
 * core.fsmonitor=false} (a configured fsmonitor is a command too), no signing prompts, no automatic
 * {@code gc} (one started by a commit in one worktree would repack and prune under the feet of the
 * others; caches are collected on purpose, see {@code CacheRepo#collectGarbage}), {@code
 * GIT_TERMINAL_PROMPT=0} (a missing credential fails instead of waiting for a person) and {@code
 * LC_ALL=C} (messages we look at are in English). Variables that would point git at another
 * repository ({@code GIT_DIR}, {@code GIT_WORK_TREE}, {@code GIT_INDEX_FILE}, …) are not inherited,
 * and git never looks for a repository above the command's directory ({@code
 * GIT_CEILING_DIRECTORIES}): a worktree whose {@code .git} went missing is an error, not the
 * enclosing project's repository. Credentials in URLs, Authorization headers and secret environment
 * values are redacted from messages and logs.
 */
public final class Git {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  private static final Logger log = LoggerFactory.getLogger(Git.class);
  private static final List<String> SAFETY_CONFIG =
      List.of(
          "-c", "core.hooksPath=/dev/null",
          "-c", "core.fsmonitor=false",
          "-c", "commit.gpgSign=false",
          "-c", "tag.gpgSign=false",
          "-c", "advice.detachedHead=false",
          "-c", "gc.auto=0",
          "-c", "maintenance.auto=false");
  private static final List<String> NOT_INHERITED =
      List.of(
          "GIT_DIR",
          "GIT_WORK_TREE",
          "GIT_INDEX_FILE",
          "GIT_OBJECT_DIRECTORY",
          "GIT_ALTERNATE_OBJECT_DIRECTORIES",
          "GIT_COMMON_DIR",
          "GIT_NAMESPACE",
          "GIT_CEILING_DIRECTORIES",
          "GIT_PREFIX");

  /** Told about every git command this runner ran, e.g. to time it; must not block. */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = (command, took, exitCode) -> {};

    /**
     * {@code command} is git's subcommand ({@code fetch}, {@code push}, …); {@code exitCode} is -1
     * when git did not finish (it timed out or was interrupted).
     */
    void ran(String command, Duration took, int exitCode);
  }

  private static final java.util.regex.Pattern SUBCOMMAND =
      java.util.regex.Pattern.compile("[a-z][a-z-]{0,29}");

  private final String executable;
  private final Duration defaultTimeout;
  private final Listener listener;

  public Git() {
    this("git", DEFAULT_TIMEOUT);
  }

  public Git(String executable, Duration defaultTimeout) {
    this(executable, defaultTimeout, Listener.NONE);
  }

  private Git(String executable, Duration defaultTimeout, Listener listener) {
    this.executable = Objects.requireNonNull(executable, "executable");
    this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The same runner, telling {@code listener} about each command it runs. */
  public Git withListener(Listener listener) {
    return new Git(executable, defaultTimeout, listener);
  }

  /**
   * The subcommand of {@code args} as a listener is told it: the first word after git's own options
   * ({@code -c key=value}, {@code -C dir}, {@code --bare}), else "other".
   */
  static String subcommand(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("-c") || arg.equals("-C")) {
        i++;
      } else if (!arg.startsWith("-")) {
        return SUBCOMMAND.matcher(arg).matches() ? arg : "other";
      }
    }
    return "other";
  }

  /** Runs {@code git args...} in {@code directory}; returns standard output. */
  public String run(Path directory, String... args) {
    return exec(GitCommand.in(directory, args)).stdout();
  }

  /**
   * Runs the command; a non-zero exit is a {@link GitException} or {@link GitTransientException}.
   */
  public GitResult exec(GitCommand command) {
    GitResult result = tryExec(command);
    if (!result.ok()) {
      throw GitFailure.of(result);
    }
    return result;
  }

  /**
   * Runs the command and returns its result whatever the exit code. Throws only when git could not
   * run or ran out of time ({@link GitTransientException}).
   */
  public GitResult tryExec(GitCommand command) {
    Redaction redaction = Redaction.forEnvironment(command.environment());
    List<String> shownArgs = redaction.apply(command.args());
    Duration timeout = command.timeout() == null ? defaultTimeout : command.timeout();
    long started = System.nanoTime();
    int exitCode = -1;
    try {
      GitResult result = run(command, shownArgs, redaction, timeout, started);
      exitCode = result.exitCode();
      return result;
    } finally {
      listener.ran(
          subcommand(command.args()), Duration.ofNanos(System.nanoTime() - started), exitCode);
    }
  }

  private GitResult run(
      GitCommand command,
      List<String> shownArgs,
      Redaction redaction,
      Duration timeout,
      long started) {
    Process process = start(command, shownArgs);
    CompletableFuture<String> stdout = ProcessIo.drain(process.getInputStream());
    CompletableFuture<String> stderr = ProcessIo.drain(process.getErrorStream());
    ProcessIo.feed(process.getOutputStream(), command.input());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        ProcessIo.kill(process);
        throw new GitTransientException(
            "git " + String.join(" ", shownArgs) + " timed out after " + timeout);
      }
      GitResult result =
          new GitResult(
              shownArgs,
              process.exitValue(),
              ProcessIo.collect(stdout),
              redaction.apply(ProcessIo.collect(stderr)));
      log.debug(
          "git {} in {} exited {} after {} ms",
          shownArgs,
          command.directory(),
          result.exitCode(),
          (System.nanoTime() - started) / 1_000_000);
      return result;
    } catch (InterruptedException e) {
      ProcessIo.kill(process);
      Thread.currentThread().interrupt();
      throw new GitTransientException("interrupted while git " + shownArgs.get(0) + " ran", e);
    }
  }

  private Process start(GitCommand command, List<String> shownArgs) {
    List<String> argv = new ArrayList<>();
    argv.add(executable);
    argv.addAll(SAFETY_CONFIG);
    argv.addAll(command.args());
    ProcessBuilder builder = new ProcessBuilder(argv).directory(command.directory().toFile());
    Map<String, String> env = builder.environment();
    NOT_INHERITED.forEach(env::remove);
    Path parent = command.directory().toAbsolutePath().normalize().getParent();
    if (parent != null) {
      env.put("GIT_CEILING_DIRECTORIES", parent.toString()); // never a repository above the dir
    }
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("LC_ALL", "C");
    env.putAll(command.environment());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new GitTransientException(
          "could not start git "
              + String.join(" ", shownArgs)
              + " in "
              + command.directory()
              + ": "
              + e.getMessage());
    }
  }
}
