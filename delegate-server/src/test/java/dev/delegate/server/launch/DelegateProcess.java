package dev.delegate.server.launch;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** {@code delegate <args>} as a separate JVM on this test's class path, its output read by line. */
public final class DelegateProcess implements AutoCloseable {
  /** How long a loaded machine may take to start a JVM and Delegate's roles. */
  public static final Duration STARTUP = Duration.ofMinutes(3);

  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();
  private final AtomicInteger readersDone = new AtomicInteger();

  private DelegateProcess(Process process) {
    this.process = process;
    drain(process.getInputStream(), out);
    drain(process.getErrorStream(), err);
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
      return new DelegateProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<String> out() {
    return List.copyOf(out);
  }

  public List<String> err() {
    return List.copyOf(err);
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
    List<String> all = new ArrayList<>(out);
    all.addAll(err);
    return all;
  }

  /** Waits for the process to end by itself; its exit code. */
  public int awaitExit(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + within + ":\n" + this);
    }
    // the readers may still hold the last lines
    await().atMost(Duration.ofSeconds(30)).until(() -> readersDone.get() == 2);
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
    return "stdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err);
  }

  private void drain(InputStream stream, List<String> lines) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the JDK closes a pipe of an ended process under its reader: that is the end
              } finally {
                readersDone.incrementAndGet();
              }
            });
  }
}
