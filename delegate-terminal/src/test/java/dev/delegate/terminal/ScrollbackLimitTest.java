package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jline.builtins.ScreenTerminal;
import org.junit.jupiter.api.Test;

class ScrollbackLimitTest {

  @Test
  void should_reach_screen_terminal_scrollback() {
    assertThat(new ScrollbackLimit(new ScreenTerminal(10, 3)).active()).isTrue();
  }

  @Test
  void should_bound_the_scrollback_of_a_long_session() {
    ScreenTerminal terminal = new ScreenTerminal(10, 3);
    ScrollbackLimit limit = new ScrollbackLimit(terminal);
    for (int i = 0; i < 10 * ScrollbackLimit.MAX_ROWS; i++) {
      terminal.write("line " + i + "\r\n");
      limit.apply();
    }
    assertThat(limit.size()).isBetween(ScrollbackLimit.MAX_ROWS, 2 * ScrollbackLimit.MAX_ROWS);
    assertThat(terminal.toString()).contains("line 9999");
  }

  @Test
  void should_keep_scrolled_rows_for_a_taller_screen() {
    TerminalScreen screen = new TerminalScreen(10, 2);
    screen.feed("one\r\ntwo\r\nthree");
    screen.resize(10, 3);
    assertThat(screen.screenText()).isEqualTo("one\ntwo\nthree");
  }
}
