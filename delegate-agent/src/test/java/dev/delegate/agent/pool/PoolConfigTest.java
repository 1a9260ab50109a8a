package dev.delegate.agent.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.InvalidSettingException;
import dev.delegate.core.agent.ApprovalPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolConfigTest {
  private static final Path DATA = Path.of("data");

  @Test
  void should_name_the_setting_a_bad_value_is_for() {
    assertThatThrownBy(() -> PoolConfig.defaults(0, DATA))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("workers"))
        .hasMessage("workers must be between 1 and 256, was 0");
    assertThatThrownBy(() -> PoolConfig.defaults(1, DATA).withQueueCapacity(-1))
        .hasMessage("queueCapacity must be at least 0, was -1");
    assertThatThrownBy(() -> PoolConfig.defaults(1, DATA).withMaxTimeout(Duration.ZERO))
        .hasMessage("maxTimeout must be positive, was 0s");
    assertThatThrownBy(() -> PoolConfig.defaults(1, DATA).withStallTimeout(Duration.ofMillis(-5)))
        .hasMessage("stallTimeout must be positive, was PT-0.005S");
  }

  @Test
  void should_change_one_setting_at_a_time() {
    PoolConfig config =
        PoolConfig.defaults(3, DATA).withQueueCapacity(0).withMaxTimeout(Duration.ofMinutes(1));
    assertThat(config.workers()).isEqualTo(3);
    assertThat(config.queueCapacity()).isZero();
    assertThat(config.maxTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.stallTimeout()).isEqualTo(PoolConfig.DEFAULT_STALL_TIMEOUT);
  }

  @Test
  void should_keep_at_least_1024_characters_of_a_result() {
    assertThatThrownBy(
            () -> new SessionContext(ApprovalPolicy.TRUST_ALL, Clock.systemUTC(), Map.of(), 1023))
        .hasMessage("maxOutputChars must be at least 1024, was 1023");
  }
}
