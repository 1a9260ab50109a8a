package dev.delegate.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The event log read as it grows: every event once, late commits included, skipped numbers not. */
class EventTailTest {
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final List<JobEvent> log = new ArrayList<>();
  private final AtomicLong nanos = new AtomicLong();

  private void commit(long... sequences) {
    for (long s : sequences) {
      log.add(
          new JobEvent(s, "job-" + s, Instant.EPOCH, Optional.empty(), JobState.QUEUED, "e" + s));
    }
  }

  private List<JobEvent> after(long sequence, int limit) {
    return log.stream()
        .filter(e -> e.sequence() > sequence)
        .sorted(Comparator.comparingLong(JobEvent::sequence))
        .limit(limit)
        .toList();
  }

  private EventTail tail(long position) {
    return new EventTail(this::after, position, GRACE, nanos::get);
  }

  private static List<Long> sequences(List<JobEvent> events) {
    return events.stream().map(JobEvent::sequence).toList();
  }

  @Test
  void should_hand_out_the_events_after_its_position_in_order_each_once() {
    commit(1, 2, 3);
    EventTail tail = tail(1);
    assertThat(sequences(tail.poll())).containsExactly(2L, 3L);
    assertThat(tail.position()).isEqualTo(3);
    assertThat(tail.poll()).isEmpty();
    commit(4);
    assertThat(sequences(tail.poll())).containsExactly(4L);
  }

  @Test
  void should_hand_out_an_event_that_commits_after_a_higher_one_and_hold_its_position_below_it() {
    commit(1, 3);
    EventTail tail = tail(0);
    assertThat(sequences(tail.poll())).containsExactly(1L, 3L);
    assertThat(tail.position()).as("2 may still commit").isEqualTo(1);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    commit(2);
    assertThat(sequences(tail.poll())).containsExactly(2L);
    assertThat(tail.position()).isEqualTo(3);
  }

  @Test
  void should_give_up_a_missing_number_after_the_grace() {
    commit(1, 3);
    EventTail tail = tail(0);
    tail.poll();
    nanos.addAndGet(GRACE.toNanos());
    commit(4);
    assertThat(sequences(tail.poll())).containsExactly(4L);
    assertThat(tail.position()).isEqualTo(4);
  }

  @Test
  void should_read_past_a_full_batch_and_jump_a_wide_gap_in_the_numbering() {
    for (long s = 1; s <= EventTail.BATCH * 2 + 7; s++) {
      commit(s);
    }
    EventTail tail = tail(0);
    assertThat(tail.poll()).hasSize(EventTail.BATCH * 2 + 7);
    long far = EventTail.BATCH * 2 + 7 + EventTail.WIDEST_WAIT + 100;
    commit(far);
    assertThat(sequences(tail.poll())).containsExactly(far);
    assertThat(tail.position()).isEqualTo(far);
  }
}
