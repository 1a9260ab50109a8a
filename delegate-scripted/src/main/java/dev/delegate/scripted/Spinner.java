package dev.delegate.scripted;

/** The braille-dots spinner, redrawn in place every 80 ms and erased when done. */
final class Spinner {
  private static final String FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
  private static final long FRAME_MILLIS = 80;

  private Spinner() {}

  /** Spins for {@code millis} (nothing at all for 0); Ctrl-C erases it and throws. */
  static void spin(Screen screen, Keys keys, String label, long millis) {
    if (millis <= 0) {
      return;
    }
    long end = System.nanoTime() + millis * 1_000_000L;
    for (int frame = 0; ; frame++) {
      screen.print(
          Ansi.ERASE_LINE
              + Ansi.CYAN
              + FRAMES.charAt(frame % FRAMES.length())
              + Ansi.RESET
              + " "
              + label);
      screen.flush();
      if (keys.awaitInterrupt(Math.min(FRAME_MILLIS, Keys.millisUntil(end)))) {
        screen.print(Ansi.ERASE_LINE);
        throw new Interrupted();
      }
      if (Keys.millisUntil(end) == 0) {
        screen.print(Ansi.ERASE_LINE);
        screen.flush();
        return;
      }
    }
  }
}
