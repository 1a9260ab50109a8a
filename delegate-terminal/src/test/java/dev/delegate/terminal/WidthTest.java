package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WidthTest {

  @Test
  void should_measure_what_the_agent_clis_print() {
    assertThat(Width.of('a')).isEqualTo(1);
    assertThat(Width.of('\u00a0')).isEqualTo(1);
    assertThat(Width.of('❯')).isEqualTo(1);
    assertThat(Width.of('✻')).isEqualTo(1);
    assertThat(Width.of('⚠')).isEqualTo(1);
    assertThat(Width.of('⠋')).isEqualTo(1);
    assertThat(Width.of('中')).isEqualTo(2);
    assertThat(Width.of('✅')).isEqualTo(2);
    assertThat(Width.of('⭐')).isEqualTo(2);
    assertThat(Width.of(0x1F600)).isEqualTo(2);
    assertThat(Width.of(0x0301)).isZero();
    assertThat(Width.of(0x200D)).isZero();
    assertThat(Width.of(0xFE0F)).isZero();
    assertThat(Width.of(0xE0100)).isZero();
  }
}
