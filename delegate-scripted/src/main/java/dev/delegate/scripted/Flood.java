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
      while (chunk.length() < CHUNK && written + chunk.length() < bytes) {
        String number = Integer.toString(line++);
        chunk.append("flood ").append("0000000", number.length(), 7).append(number);
        chunk.append(TEXT).append(Ansi.CRLF);
      }
      screen.print(chunk.toString());
      written += chunk.length();
      if (keys.awaitInterrupt(0)) {
        throw new Interrupted();
      }
    }
    screen.flush();
  }
}
