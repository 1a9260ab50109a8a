package dev.delegate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The memory of a worker node's own JVM, its sessions aside: {@code serve --roles processor,pool}
 * in a JVM of its own ({@code -Xmx512m -XX:+UseSerialGC}, H2 and the local forge in its data
 * directory, one scripted session), measured once it has started and stayed idle a while.
 */
final class NodeBase {
  private NodeBase() {}

  static ProcessMemory idle(Path data, Duration settle) throws IOException, InterruptedException {
    Files.createDirectories(data);
    Process node = NodeProcesses.workerNode(data, 1, List.of()).redirectErrorStream(true).start();
    try {
      awaitLine(node, "PR processor: ");
      Thread.sleep(settle.toMillis());
      return ProcessMemory.of(node.pid());
    } finally {
      NodeProcesses.stop(node);
    }
  }

  /** Reads the node's output until a line starts with {@code prefix}; keeps reading after. */
  private static void awaitLine(Process node, String prefix) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) {
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // drained, so the node never blocks on a full pipe
                    }
                  } catch (IOException e) {
                    // the node stopped
                  }
                });
        return;
      }
      seen.append(line).append('\n');
    }
    throw new IllegalStateException("the worker node stopped before it started:\n" + seen);
  }
}
