package dev.delegate.agent.pty;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What to start in a PTY, where, and at which size. */
public record PtyCommand(
    List<String> argv, Map<String, String> environment, Path directory, int cols, int rows) {
  public PtyCommand {
    argv = List.copyOf(argv);
    environment = Map.copyOf(environment);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("no command to start");
    }
  }
}
