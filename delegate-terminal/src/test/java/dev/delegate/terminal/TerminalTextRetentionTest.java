package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Absolute line numbers, retention and the cost of a flood. */
class TerminalTextRetentionTest {

  static TerminalText fed(String... chunks) {
    return TerminalTextTest.fed(chunks);
  }

  @Test
  void should_number_lines_absolutely_across_trimming() {
    TerminalText text = new TerminalText(50);
    for (int i = 0; i < 100; i++) {
      text.feed("line " + i + "\n");
    }
    text.feed("typing");
    assertThat(text.committedLines()).isEqualTo(100);
    assertThat(text.firstRetainedLine()).isBetween(90L, 99L);
    assertThat(text.textSince(98)).isEqualTo("line 98\nline 99\ntyping");
    assertThat(text.textSince(0)).startsWith("line " + text.firstRetainedLine() + "\n");
    assertThat(text.textSince(200)).isEqualTo("typing");
    assertThat(text.totalChars()).isEqualTo(10 * 7 + 90 * 8);
    assertThat(text.tail(10)).isEqualTo(" 99\ntyping");
    assertThat(text.tail(1000)).isEqualTo(text.textSince(0));
  }

  @Test
  void should_trim_trailing_spaces_of_committed_lines_only() {
    TerminalText text = fed("❯ Please create hello.txt      \r\n> ");
    assertThat(text.textSince(0)).isEqualTo("❯ Please create hello.txt\n> ");
  }

  @Test
  void should_take_a_5_mb_flood_with_bounded_retention() {
    TerminalText text = new TerminalText(64 * 1024);
    String block = "\u001b[32mprogress\u001b[0m 42% \u001b[10G|=====>    |\r\n".repeat(1000);
    long fed = 0;
    while (fed < 5_000_000) {
      text.feed(block);
      fed += block.length();
    }
    text.feed("x".repeat(3 * TerminalText.MAX_LINE_CHARS));
    assertThat(text.committedLines()).isEqualTo(fed / (block.length() / 1000) + 2);
    assertThat(text.textSince(0).length())
        .isLessThanOrEqualTo(64 * 1024 + TerminalText.MAX_LINE_CHARS + 1);
    assertThat(text.currentLine()).hasSize(TerminalText.MAX_LINE_CHARS);
  }
}
