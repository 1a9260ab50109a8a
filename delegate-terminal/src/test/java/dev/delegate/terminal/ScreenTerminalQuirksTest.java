package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jline.builtins.ScreenTerminal;
import org.junit.jupiter.api.Test;

/**
 * What JLine 3.29.0's ScreenTerminal does on its own with input the agent CLIs send, and why {@link
 * ScreenWriter} rewrites it. If an upgrade makes one of these fail, JLine fixed the quirk and the
 * matching workaround can go.
 */
class ScreenTerminalQuirksTest {

  static List<String> raw(int cols, String input) {
    ScreenTerminal terminal = new ScreenTerminal(cols, 3);
    terminal.write(input);
    return terminal.toString().lines().map(l -> l.replace('\0', '@').stripTrailing()).toList();
  }

  @Test
  void kitty_keyboard_sequences_restore_the_cursor_to_the_top_left() {
    assertThat(raw(10, "ab\r\ncd\u001b[>1uX")).startsWith("Xb", "cd");
  }

  @Test
  void single_cell_erasures_do_nothing() {
    assertThat(raw(5, "abcde\u001b[5G\u001b[K")).startsWith("abcde");
    assertThat(raw(5, "abcde\u001b[2G\u001b[X")).startsWith("abcde");
    assertThat(raw(6, "abcd\u001b[2G\u001b[@")).startsWith("abbcd");
  }

  @Test
  void erase_below_also_erases_left_of_the_cursor() {
    assertThat(raw(5, "abcde\u001b[1;3H\u001b[J")).startsWith("");
  }

  @Test
  void moves_keep_a_pending_wrap() {
    assertThat(raw(5, "ab\u001b[9CX")).startsWith("ab", "X");
    assertThat(raw(5, "\r\nabcde\u001b[AX")).startsWith("", "Xbcde");
  }

  @Test
  void columns_beyond_the_margin_throw_on_the_next_character() {
    assertThatThrownBy(() -> raw(5, "\u001b[20GX"))
        .isInstanceOf(ArrayIndexOutOfBoundsException.class);
  }

  @Test
  void the_alternate_screen_keeps_its_old_content() {
    assertThat(raw(5, "\u001b[?1049hALT\u001b[?1049lmain\u001b[?1049h")).startsWith("ALT");
  }

  @Test
  void characters_outside_the_bmp_are_dropped_and_wide_ones_take_one_cell() {
    assertThat(raw(8, "a\uD83D\uDE00b中c")).startsWith("ab中c");
  }

  @Test
  void sequences_longer_than_32_characters_are_printed() {
    assertThat(raw(40, "\u001b[38;2;205;214;244;48;2;130;130;146;1mX")).startsWith("6;1mX");
  }

  @Test
  void scrolling_several_rows_leaves_empty_cells() {
    assertThat(raw(3, "a\r\nb\r\nc\u001b[2S")).containsExactly("c", "@@@", "");
  }

  @Test
  void split_sequences_are_handled() {
    ScreenTerminal terminal = new ScreenTerminal(8, 2);
    terminal.write("a\u001b[");
    terminal.write("5Gb");
    assertThat(terminal.toString().lines().findFirst().orElseThrow()).startsWith("a   b");
  }
}
