package dev.delegate.core.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CriteriaSettingsTest {
  @Test
  void should_default_to_one_fix_round_and_take_zero_to_ten() {
    assertThat(CriteriaSettings.DEFAULT.rounds()).isEqualTo(1);
    assertThat(CriteriaSettings.DEFAULT.withRounds(0).rounds()).isZero();
    assertThat(CriteriaSettings.DEFAULT.withRounds(10).rounds()).isEqualTo(10);
    assertThatThrownBy(() -> CriteriaSettings.DEFAULT.withRounds(-1))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("criteriaRounds");
    assertThatThrownBy(() -> CriteriaSettings.DEFAULT.withRounds(11))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void should_refuse_a_check_timeout_that_is_not_positive() {
    assertThatThrownBy(() -> CriteriaSettings.DEFAULT.withCheckTimeout(Duration.ZERO))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("checkTimeout");
  }
}
