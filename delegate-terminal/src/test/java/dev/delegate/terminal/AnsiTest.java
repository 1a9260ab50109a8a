package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnsiTest {

  @Test
  void should_strip_escapes_like_the_stream_view() {
    assertThat(Ansi.strip("\u001b[1mbold\u001b[22m \u001b]0;t\u0007x\u001b[10Gy\r\n50%\r100%"))
        .isEqualTo("bold x   y\n100%");
  }

  @Test
  void should_keep_everything_however_long() {
    String big = "line\n".repeat(200_000);
    assertThat(Ansi.strip(big)).isEqualTo(big);
  }
}
