package dev.delegate.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FreshRowsTest {
  private static final Pattern END = Pattern.compile("^✻ \\S+ for \\d");

  @Test
  void should_not_take_a_marker_left_from_an_earlier_turn_for_a_new_one() {
    FreshRows fresh = new FreshRows(END, List.of("● hi", "✻ Baked for 0s", "❯ "));
    assertThat(fresh.find(List.of("● hi", "✻ Baked for 0s", "❯ next"))).isEqualTo(-1);
    assertThat(fresh.find(List.of("✻ Baked for 0s", "● done", "✻ Baked for 0s"))).isEqualTo(2);
  }

  @Test
  void should_count_the_same_text_again_once_it_left_the_screen() {
    FreshRows fresh = new FreshRows(END, List.of("✻ Baked for 0s"));
    assertThat(fresh.find(List.of("● working"))).isEqualTo(-1);
    assertThat(fresh.find(List.of("● working", "✻ Baked for 0s"))).isEqualTo(1);
  }
}
