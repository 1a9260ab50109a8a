package dev.delegate.agent.acp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last lines an ACP agent wrote to its standard error, to say why it died. */
final class StderrTail {
  private static final Logger LOG = LoggerFactory.getLogger(StderrTail.class);
  private static final int KEPT = 5;
  private static final int LINE = 300;
  private final Deque<String> lines = new ArrayDeque<>();

  void drain(InputStream stream, int workerId) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        LOG.debug("[Worker {}] agent: {}", workerId, line);
        keep(line);
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  private synchronized void keep(String line) {
    if (line.isBlank()) {
      return;
    }
    if (lines.size() == KEPT) {
      lines.removeFirst();
    }
    lines.addLast(line.length() <= LINE ? line : line.substring(0, LINE) + "…");
  }

  /** ": <last lines>" or nothing. */
  synchronized String describe() {
    return lines.isEmpty() ? "" : ": " + String.join(" / ", lines);
  }
}
