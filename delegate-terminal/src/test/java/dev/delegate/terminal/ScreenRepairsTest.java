package dev.delegate.terminal;

import static dev.delegate.terminal.TerminalScreenTest.rows;
import static dev.delegate.terminal.TerminalScreenTest.screen;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Where {@link TerminalScreen} corrects JLine's ScreenTerminal (see {@link
 * ScreenTerminalQuirksTest} for the uncorrected behaviour).
 */
class ScreenRepairsTest {

  @Test
  void should_ignore_kitty_keyboard_protocol_sequences() {
    assertThat(rows(10, 3, "ab\r\ncd\u001b[>1u\u001b[<u\u001b[?u\u001b[=5;1uX"))
        .containsExactly("ab", "cdX", "");
  }

  @Test
  void should_erase_single_cells() {
    assertThat(rows(5, 2, "abcde\u001b[5G\u001b[K")).startsWith("abcd");
    assertThat(rows(5, 2, "abcde\u001b[1G\u001b[1K")).startsWith(" bcde");
    assertThat(rows(5, 2, "abcde\u001b[2G\u001b[X")).startsWith("a cde");
    assertThat(rows(5, 2, "abcde\u001b[2G\u001b[5X")).startsWith("a");
    assertThat(rows(6, 2, "abcd\u001b[2G\u001b[@")).startsWith("a bcd");
    assertThat(rows(6, 2, "abcdef\u001b[2G\u001b[P")).startsWith("acdef");
  }

  @Test
  void should_erase_below_without_touching_the_left_of_the_cursor() {
    assertThat(rows(5, 3, "abcde\r\nfghij\r\nklmno\u001b[2;3H\u001b[J"))
        .containsExactly("abcde", "fg", "");
    assertThat(rows(5, 2, "abcde\r\nfghij\u001b[2;5H\u001b[J")).containsExactly("abcde", "fghi");
    assertThat(rows(5, 2, "abcde\r\nfghij\u001b[2;3H\u001b[1J")).containsExactly("", "   ij");
    TerminalScreen screen = screen(5, 2, "abcde\u001b[1;3H\u001b[J");
    assertThat(screen.cursorRow()).isZero();
    assertThat(screen.cursorColumn()).isEqualTo(2);
  }

  @Test
  void should_not_wrap_after_moving_into_the_last_column() {
    assertThat(rows(5, 2, "ab\u001b[9CX")).containsExactly("ab  X", "");
    assertThat(rows(5, 2, "\r\nabcde\u001b[AX")).containsExactly("    X", "abcde");
    assertThat(rows(5, 2, "\r\nabcde\u001b7\u001b[1;1H\u001b8\u001b[AX"))
        .containsExactly("    X", "abcde");
    assertThat(rows(5, 2, "abcdeX")).containsExactly("abcde", "X");
  }

  @Test
  void should_clamp_moves_beyond_the_right_margin() {
    assertThat(rows(5, 2, "\u001b[20GX")).containsExactly("    X", "");
    assertThat(rows(5, 2, "\u001b[2;99HY")).containsExactly("", "    Y");
  }

  @Test
  void should_clear_the_alternate_screen_on_entry_and_restore_the_main_one_on_exit() {
    TerminalScreen screen = screen(10, 2, "main\u001b[?1049hALT");
    assertThat(screen.alternateScreen()).isTrue();
    assertThat(screen.screenText()).isEqualTo("ALT");
    screen.feed("\u001b[?1049l");
    assertThat(screen.screenText()).isEqualTo("main");
    screen.feed("\u001b[?1049h");
    assertThat(screen.screenText()).isEmpty();
    screen.feed("\u001b[?47lx\u001b[?1047hy\u001b[?1047l");
    assertThat(screen.screenText()).isEqualTo("mainx");
  }

  @Test
  void should_give_wide_characters_and_emoji_two_columns() {
    TerminalScreen screen = screen(12, 2, "a中b✅c", "\uD83D", "\uDE00d\u001b[12Gz");
    assertThat(screen.rows()).containsExactly("a中b✅c😀d z", "");
    assertThat(rows(12, 2, "😀\u001b[3Gx\u001b[1;5H中")).containsExactly("😀x 中", "");
  }

  @Test
  void should_drop_zero_width_characters() {
    assertThat(rows(8, 1 + 1, "e\u0301\u200dx\ufe0f\u001b[3Gy")).containsExactly("exy", "");
  }

  @Test
  void should_not_print_long_or_true_colour_sgr_sequences() {
    assertThat(rows(20, 2, "\u001b[38;2;205;214;244;48;2;130;130;146;1;3;4mX\u001b[38:2::1:2:3mY"))
        .containsExactly("XY", "");
  }

  @Test
  void should_show_no_gaps_after_scrolling_several_rows() {
    assertThat(screen(6, 4, "a\r\nb\r\nc\r\nd\u001b[3Sx").screenText()).isEqualTo("d\n\n\n x");
  }
}
