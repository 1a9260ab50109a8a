package dev.delegate.server.cli;

import java.util.regex.Pattern;

/**
 * The latest line an agent printed, from its raw terminal output: ANSI sequences and control
 * characters are dropped, a carriage return starts its line over (as a spinner redraws itself), and
 * blank lines do not count.
 */
final class LastLine {
  private static final Pattern ANSI =
      Pattern.compile(
          "\\u001B\\[[0-?]*[ -/]*[@-~]" // CSI: colours, cursor moves, clearing
              + "|\\u001B\\][^\\u0007\\u001B]*(?:\\u0007|\\u001B\\\\)?" // OSC: titles, links
              + "|\\u001B[@-Z\\\\-_]" // other two-byte escapes
              + "|\\u001B");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  /** The longest line kept: more is never shown. */
  private static final int MAX = 1000;

  private final StringBuilder current = new StringBuilder();
  private String latest = "";

  /** Takes the next piece of output. */
  synchronized void add(String output) {
    String text = CONTROL.matcher(ANSI.matcher(output).replaceAll("")).replaceAll("");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        keep();
        current.setLength(0);
      } else if (c == '\r') {
        keep();
        current.setLength(0);
      } else if (current.length() < MAX) {
        current.append(c);
      }
    }
    keep();
  }

  /** The latest line that was not blank; empty before there was one. */
  synchronized String get() {
    return latest;
  }

  private void keep() {
    String line = current.toString().strip();
    if (!line.isEmpty()) {
      latest = line;
    }
  }
}
