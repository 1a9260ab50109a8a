package dev.delegate.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobStateTest {

  @Test
  void should_allow_the_happy_path_and_retries_only() {
    assertThat(JobState.QUEUED.canMoveTo(JobState.PREPARING)).isTrue();
    assertThat(JobState.PREPARING.canMoveTo(JobState.RUNNING)).isTrue();
    assertThat(JobState.RUNNING.canMoveTo(JobState.COMMITTING)).isTrue();
    assertThat(JobState.COMMITTING.canMoveTo(JobState.SUCCEEDED)).isTrue();
    assertThat(JobState.FAILED.canMoveTo(JobState.QUEUED)).isTrue();
    assertThat(JobState.QUEUED.canMoveTo(JobState.SUCCEEDED)).isFalse();
    assertThat(JobState.SUCCEEDED.canMoveTo(JobState.QUEUED)).isFalse();
    assertThat(JobState.CANCELLED.canMoveTo(JobState.QUEUED)).isFalse();
  }

  @Test
  void should_count_queued_and_in_progress_jobs_as_active() {
    assertThat(JobState.QUEUED.isActive()).isTrue();
    assertThat(JobState.NEEDS_INPUT.isActive()).isTrue(); // it holds a worker's conversation
    assertThat(JobState.SUCCEEDED.isActive()).isFalse();
    assertThat(JobState.FAILED.isActive()).isFalse();
    assertThat(JobState.RUNNING.isLeased()).isTrue();
    assertThat(JobState.NEEDS_INPUT.isLeased()).isTrue();
  }

  @Test
  void should_back_off_between_attempts_and_stop_after_the_last() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(15));
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(policy.nextAttempt(1, now)).contains(now.plusSeconds(10));
    assertThat(policy.nextAttempt(2, now)).contains(now.plusSeconds(15)); // capped
    assertThat(policy.nextAttempt(3, now)).isEmpty();
  }
}
