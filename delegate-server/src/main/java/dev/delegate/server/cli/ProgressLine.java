package dev.delegate.server.cli;

import java.time.Duration;
import java.util.Locale;

/** The text of a progress line: {@code [ 12.3 s] RUNNING Thinking…}, cut to a width. */
final class ProgressLine {
  /** Back to the start of the line and clear it: how a terminal line is drawn again. */
  static final String REDRAW = "\r\u001B[K";

  private ProgressLine() {}

  /** The line for a terminal, at most {@code width} characters (the cursor needs the last one). */
  static String live(Duration elapsed, String state, String lastLine, int width) {
    String line = String.format(Locale.ROOT, "[%7.2f s] %s", seconds(elapsed), state);
    if (!lastLine.isEmpty()) {
      line += "  " + lastLine;
    }
    int room = Math.max(20, width - 1);
    return line.length() <= room ? line : line.substring(0, room - 1) + "…";
  }

  /** A plain line between state lines, when the agent printed something new. */
  static String plain(Duration elapsed, String state, String lastLine) {
    String line = String.format(Locale.ROOT, "[%7.2f s]   still %s", seconds(elapsed), state);
    return lastLine.isEmpty() ? line : line + ": " + lastLine;
  }

  private static double seconds(Duration elapsed) {
    return Math.max(0, elapsed.toMillis()) / 1000.0;
  }
}
