package dev.delegate.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.InvalidSettingException;
import dev.delegate.core.job.JobState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookRetryTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void should_double_the_delay_up_to_the_longest_and_stop_at_the_end_of_the_window() {
    WebhookRetry retry =
        new WebhookRetry(Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(45));
    Instant giveUp = retry.giveUpAt(T0);

    assertThat(giveUp).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThat(retry.nextTry(1, T0, giveUp)).contains(T0.plusSeconds(10));
    assertThat(retry.nextTry(2, T0, giveUp)).contains(T0.plusSeconds(20));
    assertThat(retry.nextTry(3, T0, giveUp)).contains(T0.plusSeconds(40));
    assertThat(retry.nextTry(4, T0, giveUp)).contains(T0.plusSeconds(45));
    assertThat(retry.nextTry(60, T0, giveUp)).contains(T0.plusSeconds(45));
    assertThat(retry.nextTry(4, giveUp.minusSeconds(10), giveUp)).isEmpty();
  }

  @Test
  void should_refuse_a_longest_delay_shorter_than_the_first() {
    assertThatThrownBy(
            () ->
                new WebhookRetry(Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("maxDelay");
    assertThat(WebhookRetry.of(Duration.ofHours(1), Duration.ofHours(2)).maxDelay())
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void should_name_the_five_events_a_person_cares_about() {
    assertThat(WebhookEvent.of(JobState.SUCCEEDED)).contains(WebhookEvent.JOB_SUCCEEDED);
    assertThat(WebhookEvent.of(JobState.TIMED_OUT).map(WebhookEvent::wireName))
        .contains("job.timed_out");
    assertThat(WebhookEvent.of(JobState.NEEDS_INPUT).map(WebhookEvent::wireName))
        .contains("job.needs_input");
    assertThat(WebhookEvent.of(JobState.RUNNING)).isEmpty();
    assertThat(WebhookEvent.of(JobState.QUEUED)).isEmpty();
  }
}
