package dev.delegate.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Worker nodes as the benchmarks start them: each {@code serve} in a JVM of its own. */
final class NodeProcesses {
  private NodeProcesses() {}

  /**
   * {@code serve --roles processor,pool} on {@code data} with {@code workers} sessions on free
   * ports ({@code -Xmx512m -XX:+UseSerialGC}, warnings only), then {@code extra} options.
   */
  static ProcessBuilder workerNode(Path data, int workers, List<String> extra) {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Dpty4j.tmpdir=" + System.getProperty("pty4j.tmpdir", "/tmp"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.delegate.server.Main",
                "serve",
                "--roles",
                "processor,pool",
                "--data-dir",
                data.toString(),
                "--workers",
                String.valueOf(workers),
                "--pool-port",
                "0",
                "--processor-port",
                "0",
                "--log-level",
                "warn"));
    command.addAll(extra);
    return new ProcessBuilder(command);
  }

  /** SIGTERM (a clean stop), SIGKILL after 30 s; then whatever it left running under it. */
  static void stop(Process node) throws InterruptedException {
    List<ProcessHandle> below = node.descendants().toList();
    node.destroy();
    if (!node.waitFor(30, TimeUnit.SECONDS)) {
      node.destroyForcibly();
    }
    below.forEach(ProcessHandle::destroyForcibly);
  }
}
