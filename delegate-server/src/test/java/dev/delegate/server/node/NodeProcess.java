package dev.delegate.server.node;

import dev.delegate.testkit.net.TestNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code delegate serve} as a child process on a test host, with its own data directory and log;
 * killed like a machine dies ({@link #kill}: the node and its agents, at once) and started again on
 * the same data ({@link #start}).
 */
final class NodeProcess implements AutoCloseable {
  private final String name;
  private final TestNetwork.Host host;
  private final Path data;
  private final List<String> options;
  private final Map<String, String> environment;
  private Process process;
  private int starts;

  NodeProcess(
      String name,
      TestNetwork.Host host,
      Path data,
      List<String> options,
      Map<String, String> environment) {
    this.name = name;
    this.host = host;
    this.data = data;
    this.options = List.copyOf(options);
    this.environment = Map.copyOf(environment);
  }

  String address() {
    return host.address();
  }

  synchronized void start() throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dpty4j.tmpdir=" + System.getProperty("pty4j.tmpdir", "/tmp"),
                "dev.delegate.server.Main",
                "serve",
                "--bind",
                host.address(),
                "--data-dir",
                data.toString()));
    command.addAll(options);
    Files.createDirectories(data);
    ProcessBuilder builder =
        new ProcessBuilder(host.command(command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    builder.environment().putAll(environment);
    starts++;
    process = builder.start();
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL to the node and every process under it, as when its machine goes. */
  synchronized void kill() throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> below = process.descendants().toList();
    process.destroyForcibly();
    below.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL after a grace. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> below = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    below.forEach(ProcessHandle::destroyForcibly);
  }

  Path log() {
    return data.resolve("node.log");
  }

  /** The last lines of its log, for a failure message. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
      return name
          + " ("
          + starts
          + " start(s)):\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return name + ": no log (" + e.getMessage() + ")";
    }
  }
}
