package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The screen model's reading API; see also {@link ScreenRepairsTest} and {@link ScreenModesTest}.
 */
class TerminalScreenTest {

  static TerminalScreen screen(int cols, int rows, String... chunks) {
    TerminalScreen screen = new TerminalScreen(cols, rows);
    for (String chunk : chunks) {
      screen.feed(chunk);
    }
    return screen;
  }

  static List<String> rows(int cols, int rows, String... chunks) {
    return screen(cols, rows, chunks).rows();
  }

  @Test
  void should_keep_no_break_space_at_the_end_of_a_row() {
    assertThat(screen(20, 3, "❯\u00a0\u001b[7m \u001b[27m").rows().getFirst()).isEqualTo("❯\u00a0");
  }

  @Test
  void should_change_version_only_when_fed_and_cache_the_text() {
    TerminalScreen screen = screen(10, 2, "hello");
    long version = screen.version();
    String text = screen.screenText();
    assertThat(screen.screenText()).isSameAs(text);
    assertThat(screen.version()).isEqualTo(version);
    screen.feed("\u001b]0;title only\u0007");
    assertThat(screen.version()).isEqualTo(version);
    screen.feed("!");
    assertThat(screen.version()).isGreaterThan(version);
    assertThat(screen.screenText()).isEqualTo("hello!");
  }

  @Test
  void should_resize() {
    TerminalScreen screen = screen(10, 3, "abc\r\ndef");
    screen.resize(20, 5);
    screen.feed("\u001b[1;15Hxyz");
    assertThat(screen.rows()).hasSize(5).startsWith("abc           xyz", "def");
    assertThatThrownBy(() -> screen.resize(1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TerminalScreen(300, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void should_show_the_same_screen_wherever_the_input_is_split() {
    String input =
        "\u001b[?1049h\u001b[2;3H\u001b[1m›\u001b[22m Ask\u001b[2;9HCodex 😀\u001b[38;2;1;2;3mok"
            + "\u001b]7501;state=idle\u001b\\\u001b[1;1H\u001b[K\u001b[3;1Hend\u00a0";
    String whole = screen(20, 4, input).screenText();
    assertThat(whole).isEqualTo("\n  › Ask Codex 😀ok\nend\u00a0");
    for (int cut = 1; cut < input.length(); cut++) {
      assertThat(screen(20, 4, input.substring(0, cut), input.substring(cut)).screenText())
          .isEqualTo(whole);
    }
  }
}
