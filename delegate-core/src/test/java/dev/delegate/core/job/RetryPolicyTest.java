package dev.delegate.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void should_double_the_delay_up_to_the_default_maximum() {
    RetryPolicy policy = RetryPolicy.of(10, Duration.ofSeconds(10));
    assertThat(policy.maxDelay()).isEqualTo(RetryPolicy.DEFAULT_MAX_DELAY);
    assertThat(policy.nextAttempt(1, NOW)).contains(NOW.plusSeconds(10));
    assertThat(policy.nextAttempt(2, NOW)).contains(NOW.plusSeconds(20));
    assertThat(policy.nextAttempt(7, NOW)).contains(NOW.plus(Duration.ofMinutes(5)));
    assertThat(policy.nextAttempt(10, NOW)).isEmpty();
  }

  @Test
  void should_keep_a_first_delay_longer_than_the_default_maximum() {
    RetryPolicy policy = RetryPolicy.of(3, Duration.ofMinutes(10));
    assertThat(policy.maxDelay()).isEqualTo(Duration.ofMinutes(10));
    assertThat(policy.nextAttempt(2, NOW)).contains(NOW.plus(Duration.ofMinutes(10)));
  }

  @Test
  void should_name_the_setting_that_is_wrong() {
    assertThatThrownBy(() -> RetryPolicy.of(0, Duration.ofSeconds(10)))
        .hasMessage("maxAttempts must be at least 1, was 0");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofSeconds(1)))
        .hasMessage("maxDelay must be at least firstDelay (1m), was 1s");
  }
}
