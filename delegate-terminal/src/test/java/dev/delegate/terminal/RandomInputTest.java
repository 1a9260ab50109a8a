package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Neither view may throw, whatever a program prints. */
class RandomInputTest {

  static final String FINALS = "@ABCDEFGHIJKLMPSTXZ`abcdefghlmnqrsux";
  static final String[] PREFIXES = {"", "", "", "?", ">", "<", " "};
  static final String PIECES = "ab ❯\u00a0中😀\u0301\r\n\b\t\u0007\u007f\u009b\uD83D";

  static String randomOutput(Random random, int pieces) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      switch (random.nextInt(6)) {
        case 0, 1 -> sb.append(PIECES.charAt(random.nextInt(PIECES.length())));
        case 2 -> {
          sb.append("\u001b[").append(PREFIXES[random.nextInt(PREFIXES.length)]);
          sb.append(random.nextInt(300)).append(';').append(random.nextInt(300));
          sb.append(FINALS.charAt(random.nextInt(FINALS.length())));
        }
        case 3 -> sb.append('\u001b').append("78DEHMc=>(#)".charAt(random.nextInt(12)));
        case 4 ->
            sb.append("\u001b[?")
                .append(random.nextInt(2100))
                .append(random.nextBoolean() ? 'h' : 'l');
        default ->
            sb.append("\u001b]0;")
                .append(random.nextInt())
                .append(random.nextBoolean() ? "\u0007" : "");
      }
    }
    return sb.toString();
  }

  @Test
  void should_survive_random_sequences() {
    Random random = new Random(2024);
    for (int round = 0; round < 200; round++) {
      TerminalScreen screen = new TerminalScreen(2 + random.nextInt(40), 2 + random.nextInt(20));
      TerminalText text = new TerminalText(1000);
      for (String chunk : Transcripts.randomChunks(randomOutput(random, 400), round, 30)) {
        screen.feed(chunk);
        text.feed(chunk);
      }
      assertThat(screen.rows()).hasSize(screen.height());
      assertThat(screen.cursorColumn()).isBetween(0, screen.width() - 1);
      assertThat(text.textSince(0)).doesNotContain("\u001b");
      assertThat(screen.screenText()).doesNotContain("\u001b").doesNotContain("\uFFFF");
    }
  }
}
