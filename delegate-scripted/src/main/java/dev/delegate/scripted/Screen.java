package dev.delegate.scripted;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The terminal output: UTF-8, CR LF line ends, explicit flushes. Only the main thread writes, so
 * there is no locking. A write error (the terminal went away) ends the program in {@link
 * ScriptedAgent}.
 */
final class Screen {
  private final OutputStream out;

  Screen(OutputStream out) {
    this.out = out;
  }

  static Screen stdout() {
    return new Screen(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
  }

  void print(String text) {
    write(text.getBytes(StandardCharsets.UTF_8), 0, -1);
  }

  void line(String text) {
    print(text);
    print(Ansi.CRLF);
  }

  /** Prints agent text; see {@link #agentLines}. */
  void agentText(String style, String text) {
    print(agentLines(style, text));
  }

  /**
   * Agent text as terminal lines, one per {@code \n}, each ending in CR LF. A line that would start
   * with {@code >} gets a leading space, so agent text never looks like the input prompt.
   */
  static String agentLines(String style, String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    int start = 0;
    while (true) {
      int end = text.indexOf('\n', start);
      String line = end < 0 ? text.substring(start) : text.substring(start, end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.startsWith(">")) {
        out.append(' ');
      }
      out.append(style.isEmpty() || line.isEmpty() ? line : style + line + Ansi.RESET);
      out.append(Ansi.CRLF);
      if (end < 0) {
        return out.toString();
      }
      start = end + 1;
    }
  }

  void write(byte[] bytes, int offset, int length) {
    try {
      out.write(bytes, offset, length < 0 ? bytes.length : length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
