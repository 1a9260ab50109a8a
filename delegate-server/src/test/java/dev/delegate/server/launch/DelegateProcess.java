package dev.delegate.server.launch;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code delegate <args>} as a separate JVM on this test's class path, its output read by line. */
public final class DelegateProcess implements AutoCloseable {
  /** How long a loaded machine may take to start a JVM and Delegate's roles. */
  public static final Duration STARTUP = Duration.ofMinutes(3);

  private final Process process;
  private final Path out;
  private final Path err;

  private DelegateProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  public static DelegateProcess start(Path home, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Ddelegate.home=" + home);
    command.add("-Dpty4j.tmpdir=" + System.getProperty("pty4j.tmpdir", home.toString()));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.delegate.server.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("DELEGATE_"));
    try {
      Path out = Files.createTempFile(home, "stdout-", ".txt");
      Path err = Files.createTempFile(home, "stderr-", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      return new DelegateProcess(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of standard output so far (a file: nothing written is lost when it ends). */
  public List<String> out() {
    return lines(out);
  }

  public List<String> err() {
    return lines(err);
  }

  private static List<String> lines(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int complete = text.lastIndexOf('\n');
      return complete < 0 ? List.of() : text.substring(0, complete).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Waits until a line of standard output or error matches; returns it. */
  public String awaitLine(Predicate<String> wanted, Duration within) {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .failFast("the process ended:\n" + this, () -> !process.isAlive() && !matches(wanted))
        .until(() -> matches(wanted));
    return all().stream().filter(wanted).findFirst().orElseThrow();
  }

  private boolean matches(Predicate<String> wanted) {
    return all().stream().anyMatch(wanted);
  }

  private List<String> all() {
    List<String> all = new ArrayList<>(out());
    all.addAll(err());
    return all;
  }

  /** Waits for the process to end by itself; its exit code. */
  public int awaitExit(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + within + ":\n" + this);
    }
    return process.exitValue();
  }

  /** SIGTERM, as Ctrl-C or a service manager stops it; the exit code. */
  public int terminate(Duration within) throws InterruptedException {
    process.destroy();
    return awaitExit(within);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  @Override
  public String toString() {
    return "stdout:\n" + String.join("\n", out()) + "\nstderr:\n" + String.join("\n", err());
  }
}
