package dev.delegate.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.Usage;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageTextTest {

  @Test
  void should_write_every_reported_part_in_order() {
    Usage usage =
        Usage.NONE
            .withInputTokens(12_345)
            .withOutputTokens(2_100)
            .withCostUsd(new BigDecimal("0.031200"))
            .withCredits(new BigDecimal("0.420000"));

    assertThat(UsageText.of(usage)).isEqualTo("12,345 in · 2,100 out · $0.0312 · 0.42 credits");
  }

  @Test
  void should_write_only_the_parts_reported_and_nothing_for_none() {
    assertThat(UsageText.of(Usage.NONE)).isEmpty();
    assertThat(UsageText.of(Usage.NONE.withCredits(new BigDecimal("1.000000"))))
        .isEqualTo("1 credit");
    assertThat(UsageText.of(Usage.NONE.withCostUsd(new BigDecimal("1.5")))).isEqualTo("$1.50");
    assertThat(UsageText.of(Usage.NONE.withCredits(new BigDecimal("2E+1"))))
        .isEqualTo("20 credits");
  }

  @Test
  void should_write_a_budget_s_limits() {
    assertThat(UsageText.of(Budget.NONE)).isEmpty();
    assertThat(
            UsageText.of(
                new Budget(Optional.of(new BigDecimal("0.5")), Optional.of(new BigDecimal("3")))))
        .isEqualTo("$0.50 · 3 credits");
  }
}
