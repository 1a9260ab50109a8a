package dev.delegate.scripted;

/** {@code flood}: numbered log lines as fast as the terminal takes them; Ctrl-C stops it. */
final class Flood {
  private static final int CHUNK = 64 * 1024;
  private static final String TEXT = " the quick brown fox jumps over the lazy dog";

  private Flood() {}

  /** Prints whole lines until at least {@code bytes} bytes are out (at most one line more). */
  static void print(Screen screen, Keys keys, long bytes) {
    StringBuilder chunk = new StringBuilder(CHUNK + 128);
    long written = 0;
    int line = 1;
    while (written < bytes) {
      chunk.setLength(0);
      line = lines(chunk, line, bytes - written, Ansi.CRLF);
      screen.print(chunk.toString());
      written += chunk.length();
      if (keys.awaitInterrupt(0)) {
        throw new Interrupted();
      }
    }
    screen.flush();
  }

  /**
   * Appends numbered lines, each ended by {@code lineEnd}, until the chunk holds at least {@code
   * min(64K, room)} characters; returns the next line number.
   */
  static int lines(StringBuilder chunk, int line, long room, String lineEnd) {
    int next = line;
    while (chunk.length() < CHUNK && chunk.length() < room) {
      String number = Integer.toString(next++);
      chunk.append("flood ").append("0000000", number.length(), 7).append(number);
      chunk.append(TEXT).append(lineEnd);
    }
    return next;
  }
}
