package dev.delegate.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessorSettingsTest {

  @Test
  void should_hold_the_defaults() {
    ProcessorSettings settings = ProcessorSettings.DEFAULT;
    assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.turnTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.retry()).isEqualTo(RetryPolicy.DEFAULT);
    assertThat(settings.pushPartialWork()).isFalse();
    assertThat(settings.inputTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.tick()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void should_take_the_shortest_lease_and_refuse_a_shorter_one_naming_the_setting() {
    assertThat(ProcessorSettings.DEFAULT.withLease(ProcessorSettings.MIN_LEASE).lease())
        .isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> ProcessorSettings.DEFAULT.withLease(Duration.ofMillis(999)))
        .isInstanceOfSatisfying(
            InvalidSettingException.class,
            e -> {
              assertThat(e.setting()).isEqualTo("lease");
              assertThat(e.problem()).isEqualTo("must be at least 1s, was 999ms");
            })
        .hasMessage("lease must be at least 1s, was 999ms");
  }

  @Test
  void should_refuse_timeouts_and_a_tick_that_are_not_positive() {
    assertThatThrownBy(() -> ProcessorSettings.DEFAULT.withTurnTimeout(Duration.ZERO))
        .hasMessage("turnTimeout must be positive, was 0s");
    assertThatThrownBy(() -> ProcessorSettings.DEFAULT.withInputTimeout(Duration.ofSeconds(-1)))
        .hasMessage("inputTimeout must be positive, was PT-1S");
    assertThatThrownBy(() -> ProcessorSettings.DEFAULT.withTick(Duration.ZERO))
        .hasMessage("tick must be positive, was 0s");
  }

  @Test
  void should_change_one_setting_at_a_time() {
    ProcessorSettings changed =
        ProcessorSettings.DEFAULT
            .withPushPartialWork(true)
            .withTick(Duration.ofMillis(20))
            .withRetry(RetryPolicy.of(1, Duration.ZERO));
    assertThat(changed.pushPartialWork()).isTrue();
    assertThat(changed.tick()).isEqualTo(Duration.ofMillis(20));
    assertThat(changed.retry().maxAttempts()).isEqualTo(1);
    assertThat(changed.lease()).isEqualTo(ProcessorSettings.DEFAULT_LEASE);
  }

  @Test
  void should_name_the_node_setting_that_is_wrong() {
    assertThatThrownBy(() -> new ProcessorNode("node-a", 0, "Kiro CLI"))
        .hasMessage("concurrency must be at least 1, was 0");
    assertThatThrownBy(() -> new ProcessorNode(" ", 1, "Kiro CLI"))
        .hasMessage("nodeId must not be blank");
  }
}
