package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SgrTest {

  static String rewrite(String params) {
    Csi csi = new Csi();
    csi.reset();
    params.chars().forEach(c -> csi.accept((char) c));
    csi.finish('m');
    StringBuilder out = new StringBuilder();
    Sgr.append(csi, out);
    return out.toString().replace('\u001b', '~');
  }

  @Test
  void should_turn_true_colour_into_the_256_colour_cube() {
    assertThat(rewrite("38;2;255;0;0")).isEqualTo("~[38;5;196m");
    assertThat(rewrite("48:2::0:0:255")).isEqualTo("~[48;5;21m");
    assertThat(rewrite("38;2;205;214;244;49")).isEqualTo("~[38;5;189;49m");
  }

  @Test
  void should_keep_short_sequences_short() {
    assertThat(rewrite("")).isEqualTo("~[0m");
    assertThat(rewrite("1;38;5;174")).isEqualTo("~[1;38;5;174m");
    assertThat(rewrite("38;2;1;2;3;48;2;200;200;200;1;3;4;7"))
        .isEqualTo("~[38;5;16;48;5;188;1;3;4m~[7m");
  }

  @Test
  void should_drop_what_it_cannot_express() {
    assertThat(rewrite("58;2;1;2;3")).isEmpty();
    assertThat(rewrite("4:3;1")).isEqualTo("~[4;1m");
    assertThat(rewrite("38;5")).isEmpty();
  }
}
