package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

  static TerminalText fed(String... chunks) {
    TerminalText text = new TerminalText(10_000);
    for (String chunk : chunks) {
      text.feed(chunk);
    }
    return text;
  }

  @Test
  void should_remove_escape_sequences_split_across_chunks() {
    TerminalText text =
        fed("a\u001b", "[3", "8;5;1", "74mb\u001b", "]0;ti", "tle\u001b", "\\c\u001b(", "Bd");
    assertThat(text.currentLine()).isEqualTo("abcd");
  }

  @Test
  void should_keep_a_surrogate_pair_split_across_chunks() {
    assertThat(fed("x\uD83D", "\uDE00y").currentLine()).isEqualTo("x😀y");
  }

  @Test
  void should_leave_one_line_for_a_spinner_redrawn_with_carriage_return() {
    TerminalText text = new TerminalText(10_000);
    String[] frames = {"⠋", "⠙", "⠹", "⠸"};
    for (int i = 0; i < 100; i++) {
      text.feed("\r\u001b[2K" + frames[i % 4] + " Working (" + i + "s)");
    }
    text.feed("\r\u001b[2KDone\n");
    assertThat(text.committedLines()).isEqualTo(1);
    assertThat(text.textSince(0)).isEqualTo("Done\n");
  }

  @Test
  void should_overwrite_after_carriage_return_and_erase_to_end_of_line() {
    assertThat(fed("Thinking...\rOK\u001b[K").currentLine()).isEqualTo("OK");
    assertThat(fed("Thinking...\rOK").currentLine()).isEqualTo("OKinking...");
    assertThat(fed("abcdef\u001b[3G\u001b[1K").currentLine()).isEqualTo("   def");
  }

  @Test
  void should_separate_words_placed_by_column() {
    TerminalText text =
        fed(
            "\u001b[38;5;174m│\u001b[51G\u001b[1mTips\u001b[56Gfor\u001b[60Ggetting\u001b[68Gstarted\r\r\n");
    assertThat(text.textSince(0)).isEqualTo("│" + " ".repeat(49) + "Tips for getting started\n");
    assertThat(fed("a\u001b[2Cb\u001b[1;10Hc").currentLine()).isEqualTo("a  b     c");
  }

  @Test
  void should_not_pad_when_nothing_follows_a_move() {
    assertThat(fed("prompt> \u001b[40G").currentLine()).isEqualTo("prompt> ");
  }

  @Test
  void should_handle_backspace_tab_and_drop_other_controls() {
    assertThat(fed("ab\bc\td\u0007\u0001e").currentLine()).isEqualTo("ac      de");
  }

  @Test
  void should_edit_the_line_with_delete_insert_and_erase_characters() {
    assertThat(fed("abcdef\u001b[2G\u001b[2P").currentLine()).isEqualTo("adef");
    assertThat(fed("abcdef\u001b[2G\u001b[2@").currentLine()).isEqualTo("a  bcdef");
    assertThat(fed("abcdef\u001b[2G\u001b[2X").currentLine()).isEqualTo("a  def");
  }

  @Test
  void should_ignore_cursor_up_and_down() {
    assertThat(fed("one\u001b[2Atwo\u001b[1Bthree").currentLine()).isEqualTo("onetwothree");
  }

  @Test
  void should_pass_every_osc_payload_in_order_even_when_split() {
    List<String> payloads = new ArrayList<>();
    TerminalText text = new TerminalText(1000, payloads::add);
    text.feed("\u001b]7501;state=id");
    text.feed("le:app=codex\u001b");
    text.feed("\\x\u001b]0;title\u0007\u001bP+q\u001b\\y");
    assertThat(payloads).containsExactly("7501;state=idle:app=codex", "0;title");
    assertThat(text.currentLine()).isEqualTo("xy");
  }

  @Test
  void should_skip_output_drawn_on_the_alternate_screen() {
    TerminalText text =
        fed("before\r\n\u001b[?1049h\u001b[1;1Hframe\r\nmore\u001b[?1049lafter\r\n");
    assertThat(text.textSince(0)).isEqualTo("before\nafter\n");
  }
}
