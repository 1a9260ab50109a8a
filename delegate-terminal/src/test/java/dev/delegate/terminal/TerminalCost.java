package dev.delegate.terminal;

import java.util.List;

/**
 * Rough cost figures for the two views (not a test; speed is checked by benchmarks, not unit
 * tests). Run with the test classpath and {@code -Ddelegate.shared=...}: feed throughput for
 * captures repeated to 5 MB in 4 KB and 64-char chunks, and the time of an uncached {@link
 * TerminalScreen#screenText()} on a full 120x40 screen.
 */
final class TerminalCost {

  private TerminalCost() {}

  public static void main(String[] args) {
    for (String capture :
        List.of("claude-rawpty.raw", "codex-rawpty-osc.raw", "codex-interactive.raw")) {
      String raw = Transcripts.read(capture);
      String flood = raw.repeat(5_000_000 / raw.length() + 1);
      for (int chunk : new int[] {4096, 64}) {
        List<String> chunks = split(flood, chunk);
        for (int round = 0; round < 4; round++) {
          double text = mbPerSecond(flood, () -> chunks.forEach(new TerminalText(1 << 20)::feed));
          double screen =
              mbPerSecond(flood, () -> chunks.forEach(new TerminalScreen(120, 40)::feed));
          if (round == 3) {
            System.out.printf(
                "%-24s chunk %4d: TerminalText %6.1f MB/s, TerminalScreen %6.1f MB/s%n",
                capture, chunk, text, screen);
          }
        }
      }
    }
    TerminalScreen screen = new TerminalScreen(120, 40);
    StringBuilder full = new StringBuilder();
    for (int row = 0; row < 40; row++) {
      full.append("\r\n").append("word ".repeat(23)).append("❯\u00a0");
    }
    screen.feed(full);
    for (int round = 0; round < 3; round++) {
      int n = 20_000;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        screen.feed("\u001b[1;1Hx");
        screen.screenText();
      }
      long withText = System.nanoTime() - start;
      start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        screen.feed("\u001b[1;1Hx");
      }
      long feedOnly = System.nanoTime() - start;
      System.out.printf("screenText() 120x40 full: %.1f us%n", (withText - feedOnly) / 1000.0 / n);
    }
  }

  static List<String> split(String s, int size) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < s.length(); i += size) {
      out.add(s.substring(i, Math.min(s.length(), i + size)));
    }
    return out;
  }

  static double mbPerSecond(String input, Runnable run) {
    long start = System.nanoTime();
    run.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    return input.length() / 1e6 / seconds;
  }
}
