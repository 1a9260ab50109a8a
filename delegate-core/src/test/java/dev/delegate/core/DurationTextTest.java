package dev.delegate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void should_write_a_duration_in_the_largest_unit_that_divides_it() {
    assertThat(DurationText.of(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(DurationText.of(Duration.ofMinutes(30))).isEqualTo("30m");
    assertThat(DurationText.of(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationText.of(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationText.of(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void should_fall_back_to_iso_8601_for_what_the_short_form_cannot_say() {
    assertThat(DurationText.of(Duration.ofSeconds(-5))).isEqualTo("PT-5S");
    assertThat(DurationText.of(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
  }
}
