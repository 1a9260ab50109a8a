package dev.delegate.terminal;

import static dev.delegate.terminal.TerminalScreenTest.screen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modes, OSC payloads and query answers of {@link TerminalScreen}. */
class ScreenModesTest {

  @Test
  void should_report_osc_payloads_and_modes() {
    List<String> payloads = new ArrayList<>();
    TerminalScreen screen = new TerminalScreen(10, 2, payloads::add);
    screen.feed("\u001b]0;title\u0007\u001b[?2004h\u001b[?2026h\u001b[?25l\u001b]7501;state=idle");
    screen.feed(":app=codex\u001b\\x");
    assertThat(payloads).containsExactly("0;title", "7501;state=idle:app=codex");
    assertThat(screen.bracketedPaste()).isTrue();
    assertThat(screen.synchronizedUpdate()).isTrue();
    assertThat(screen.cursorVisible()).isFalse();
    screen.feed("\u001b[?2026l\u001b[?2004l\u001b[?25h");
    assertThat(screen.synchronizedUpdate()).isFalse();
    assertThat(screen.bracketedPaste()).isFalse();
    assertThat(screen.cursorVisible()).isTrue();
    assertThat(screen.screenText()).isEqualTo("x");
  }

  @Test
  void should_answer_cursor_position_and_device_attribute_queries() {
    TerminalScreen screen = screen(10, 3, "ab\r\nc\u001b[6n\u001b[c");
    assertThat(screen.drainReplies()).isEqualTo("\u001b[2;2R\u001b[?1;2c");
    assertThat(screen.drainReplies()).isEmpty();
  }
}
