package dev.delegate.scripted;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts the controlling terminal in raw mode without echo ({@code stty raw -echo < /dev/tty}), but
 * only when standard input is a terminal: with a pipe (tests) the agent stays in line mode and must
 * not touch whatever terminal its parent has. Restoring is not needed: the PTY dies with us.
 */
final class Tty {
  private Tty() {}

  /** Starts stty and returns at once, so the banner is printed while it runs; null: line mode. */
  static Process startRawMode() {
    if (!stdinIsTerminal()) {
      return null;
    }
    try {
      return new ProcessBuilder("stty", "raw", "-echo")
          .redirectInput(Redirect.from(new File("/dev/tty")))
          .redirectOutput(Redirect.DISCARD)
          .redirectError(Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return null;
    }
  }

  /** Waits for stty; true when the terminal is now raw. */
  static boolean awaitRawMode(Process stty) {
    if (stty == null) {
      return false;
    }
    try {
      return stty.waitFor() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean stdinIsTerminal() {
    Path fd0 = Path.of("/proc/self/fd/0");
    try {
      String target = Files.readSymbolicLink(fd0).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return false; // no /proc (not Linux) or no stdin: stay in line mode
    }
  }
}
