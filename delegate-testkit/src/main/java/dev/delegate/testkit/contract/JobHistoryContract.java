package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.job.Dashboard;
import dev.delegate.core.job.Dashboard.Approvals;
import dev.delegate.core.job.Dashboard.Bucket;
import dev.delegate.core.job.Dashboard.Step;
import dev.delegate.core.job.EventTail;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobHistory;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.StuckJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * How every {@link JobStore} reports its history ({@link JobStore#history}) and the {@link
 * Dashboard} computed from it: exact for a known history, consistent while many jobs move.
 */
public abstract class JobHistoryContract extends JobStoreFixture {
  private static final Instant B = Instant.parse("2026-03-01T10:00:00Z");

  private static Instant m(int minutes) {
    return B.plus(Duration.ofMinutes(minutes));
  }

  private void claim(String id, int minute) {
    assertThat(store.claim("node-a", LEASE, m(minute)).orElseThrow().id()).isEqualTo(id);
  }

  private void move(String id, JobState to, int minute) {
    assertThat(store.transition(id, "node-a", to, "to " + to, JobChange.NONE, m(minute))).isTrue();
  }

  /**
   * Before the window (from B): old-1 succeeded, old-2 waits for an answer without any event since,
   * old-3 runs. In it: old-3 and job-a succeed, job-b fails after two approvals, job-c runs, job-d
   * is cancelled while queued, job-e waits in the queue.
   */
  private void knownHistory() {
    store.enqueue(newJob("old-1", 1), m(-300));
    claim("old-1", -299);
    move("old-1", JobState.RUNNING, -298);
    move("old-1", JobState.COMMITTING, -290);
    move("old-1", JobState.SUCCEEDED, -289);
    store.enqueue(newJob("old-2", 2), m(-60));
    claim("old-2", -50);
    move("old-2", JobState.RUNNING, -49);
    move("old-2", JobState.NEEDS_INPUT, -40);
    store.enqueue(newJob("old-3", 3), m(-30));
    claim("old-3", -20);
    move("old-3", JobState.RUNNING, -10);
    move("old-3", JobState.COMMITTING, 10);
    move("old-3", JobState.SUCCEEDED, 20);
    store.enqueue(newJob("job-a", 4), m(5));
    claim("job-a", 15);
    move("job-a", JobState.RUNNING, 16);
    assertThat(store.note("job-a", "approval: trust edit \"a.txt\" (rule: allow edit)", m(30)))
        .isTrue();
    assertThat(store.note("job-a", "a note that is no approval", m(31))).isTrue();
    move("job-a", JobState.COMMITTING, 40);
    move("job-a", JobState.SUCCEEDED, 45);
    store.enqueue(newJob("job-b", 5), m(65));
    claim("job-b", 70);
    move("job-b", JobState.RUNNING, 72);
    store.note("job-b", "approval: allow shell \"ls\" (rule: allow kind=shell)", m(73));
    store.note("job-b", "approval: deny network curl (rule: deny kind=network)", m(74));
    move("job-b", JobState.FAILED, 80);
    store.enqueue(newJob("job-c", 6), m(90));
    claim("job-c", 125);
    move("job-c", JobState.RUNNING, 126);
    store.enqueue(newJob("job-d", 7), m(130));
    store.enqueue(newJob("job-e", 8), m(135));
    assertThat(store.cancel("job-d", "not needed", m(140))).isEqualTo(JobStore.Cancel.CANCELLED);
  }

  @Test
  public void should_report_the_events_since_a_moment_and_the_active_jobs_without_any() {
    knownHistory();

    JobHistory history = store.history(B);

    assertThat(history.unchanged()).isEqualTo(Map.of("old-2", JobState.NEEDS_INPUT));
    assertThat(history.events()).noneMatch(e -> e.at().isBefore(B));
    assertThat(history.events().stream().map(JobHistory.Entry::jobId).distinct())
        .containsExactly("old-3", "job-a", "job-b", "job-c", "job-d", "job-e");
    JobHistory.Entry first = history.events().getFirst();
    assertThat(first.from()).contains(JobState.RUNNING);
    assertThat(first.to()).isEqualTo(JobState.COMMITTING);
    assertThat(first.at()).isEqualTo(m(10));
    assertThat(first.jobCreatedAt()).isEqualTo(m(-30));
    assertThat(history.events().stream().filter(e -> !e.approval().isEmpty()))
        .extracting(JobHistory.Entry::approval)
        .containsExactly(
            "approval: trust edit \"a.txt\" (rule: allow edit)",
            "approval: allow shell \"ls\" (rule: allow kind=shell)",
            "approval: deny network curl (rule: deny kind=network)");
    assertThat(history.events()).hasSize(21);
  }

  @Test
  public void should_count_every_figure_of_a_known_history_exactly() {
    knownHistory();

    Dashboard d = Dashboard.of(store, m(150), 3);

    assertThat(d.from()).isEqualTo(B);
    assertThat(d.to()).isEqualTo(m(150));
    assertThat(d.buckets()).extracting(Bucket::start).containsExactly(B, m(60), m(120));
    assertThat(d.buckets()).extracting(Bucket::tasks).containsExactly(1, 2, 2);
    assertThat(d.buckets())
        .extracting(Bucket::ended)
        .containsExactly(
            Map.of(JobState.SUCCEEDED, 2),
            Map.of(JobState.FAILED, 1),
            Map.of(JobState.CANCELLED, 1));
    assertThat(d.buckets()).extracting(Bucket::queued).containsExactly(0, 1, 1);
    assertThat(d.buckets()).extracting(Bucket::queuedMax).containsExactly(1, 1, 2);
    assertThat(d.buckets()).extracting(Bucket::busy).containsExactly(1, 1, 2);
    assertThat(d.buckets()).extracting(Bucket::busyMax).containsExactly(3, 2, 2);
    assertThat(d.buckets())
        .extracting(Bucket::approvals)
        .containsExactly(new Approvals(1, 0), new Approvals(1, 1), new Approvals(0, 0));

    assertThat(d.totals().tasks()).isEqualTo(5);
    assertThat(d.totals().ended())
        .isEqualTo(
            Map.of(
                JobState.SUCCEEDED,
                2,
                JobState.FAILED,
                1,
                JobState.TIMED_OUT,
                0,
                JobState.CANCELLED,
                1));
    assertThat(d.totals().successRate()).contains(2.0 / 3);
    assertThat(d.totals().medianTimeToPr()).contains(Duration.ofMinutes(40));
    assertThat(d.totals().approvals()).isEqualTo(new Approvals(2, 1));
    assertThat(d.approvalsByKind())
        .isEqualTo(
            Map.of(
                "edit", new Approvals(1, 0),
                "shell", new Approvals(1, 0),
                "network", new Approvals(0, 1)));

    assertThat(d.steps().keySet()).containsExactlyElementsOf(Dashboard.STEPS);
    assertThat(d.steps().get(JobState.QUEUED)).isEqualTo(step(4, 10, 35));
    assertThat(d.steps().get(JobState.PREPARING)).isEqualTo(step(3, 1, 2));
    assertThat(d.steps().get(JobState.RUNNING)).isEqualTo(step(2, 8, 24));
    assertThat(d.steps().get(JobState.COMMITTING)).isEqualTo(step(2, 5, 10));
    assertThat(d.isEmpty()).isFalse();
  }

  @Test
  public void should_count_only_what_happened_up_to_now_in_a_window_of_whole_hours() {
    knownHistory();

    Dashboard d = Dashboard.of(store, m(100), 1);

    assertThat(d.from()).isEqualTo(m(60));
    assertThat(d.buckets()).hasSize(1);
    Bucket only = d.buckets().getFirst();
    assertThat(only.tasks()).isEqualTo(2);
    assertThat(only.ended()).isEqualTo(Map.of(JobState.FAILED, 1));
    assertThat(only.queued()).isEqualTo(1);
    assertThat(only.busy()).isEqualTo(1);
    assertThat(only.busyMax()).isEqualTo(2);
    assertThat(d.totals().successRate()).contains(0.0);
    assertThat(d.totals().medianTimeToPr()).isEmpty();
    assertThat(d.steps().get(JobState.RUNNING)).isEqualTo(step(1, 8, 8));
    assertThat(d.steps().get(JobState.COMMITTING)).isEqualTo(new Step(0, none(), none()));
  }

  @Test
  public void should_show_an_empty_dashboard_for_an_empty_store_and_refuse_bad_windows() {
    Dashboard d = Dashboard.of(store, m(30), 24);

    assertThat(d.isEmpty()).isTrue();
    assertThat(d.buckets()).hasSize(24);
    assertThat(d.totals().tasks()).isZero();
    assertThat(d.totals().successRate()).isEmpty();
    assertThatThrownBy(() -> Dashboard.of(store, m(30), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Dashboard.of(store, m(30), Dashboard.MAX_HOURS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void should_give_consistent_figures_while_many_jobs_move_at_once() throws Exception {
    int workers = 6;
    int jobsEach = 12;
    int waiting = 2 * workers;
    for (int i = 0; i < waiting; i++) {
      store.enqueue(newJob("waiting-" + i, 500 + i), m(-30));
    }
    AtomicLong clock = new AtomicLong(B.toEpochMilli());
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> readFailure = new AtomicReference<>();
    AtomicLong reads = new AtomicLong();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    while (!done.get() || reads.get() == 0) {
                      Instant now = Instant.ofEpochMilli(clock.get());
                      checkConsistent(Dashboard.of(store, now, 1), waiting, Optional.empty());
                      reads.incrementAndGet();
                    }
                  } catch (Throwable t) {
                    readFailure.set(t);
                  }
                });
    try {
      Race.run(
          workers,
          w -> {
            for (int i = 0; i < jobsEach; i++) {
              int pr = 1000 + w * jobsEach + i;
              store.enqueue(newJob("job-" + pr, pr), tick(clock));
              String owner = "node-" + w;
              String id = claimSome(owner, clock);
              for (JobState to :
                  List.of(JobState.RUNNING, JobState.COMMITTING, JobState.SUCCEEDED)) {
                assertThat(store.transition(id, owner, to, "", JobChange.NONE, tick(clock)))
                    .isTrue();
              }
            }
            return null;
          });
    } finally {
      done.set(true);
      reader.join();
    }
    assertThat(readFailure.get()).as("a read while jobs moved").isNull();
    assertThat(reads.get()).isPositive();
    Dashboard last = Dashboard.of(store, Instant.ofEpochMilli(clock.get()), 1);
    checkConsistent(last, waiting, Optional.of(workers * jobsEach));
  }

  @Test
  public void should_hand_out_every_event_once_to_a_tail_that_reads_while_many_jobs_move()
      throws Exception {
    store.enqueue(newJob("before", 1), m(-30));
    store.cancel("before", "not to be claimed here", m(-29));
    EventTail tail = EventTail.atEnd(store);
    long start = tail.position();
    assertThat(start).isEqualTo(store.lastEventSequence()).isPositive();
    int workers = 6;
    int jobsEach = 10;
    AtomicLong clock = new AtomicLong(B.toEpochMilli());
    AtomicBoolean done = new AtomicBoolean();
    List<Long> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    AtomicReference<Throwable> readFailure = new AtomicReference<>();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    while (!done.get()) {
                      tail.poll().forEach(e -> seen.add(e.sequence()));
                    }
                  } catch (Throwable t) {
                    readFailure.set(t);
                  }
                });
    try {
      Race.run(
          workers,
          w -> {
            for (int i = 0; i < jobsEach; i++) {
              int pr = 2000 + w * jobsEach + i;
              store.enqueue(newJob("tail-" + pr, pr), tick(clock));
              String owner = "node-" + w;
              String id = claimSome(owner, clock);
              store.note(id, "a note", tick(clock));
              assertThat(
                      store.transition(id, owner, JobState.FAILED, "", JobChange.NONE, tick(clock)))
                  .isTrue();
            }
            return null;
          });
    } finally {
      done.set(true);
      reader.join();
    }
    assertThat(readFailure.get()).as("a read while jobs moved").isNull();
    tail.poll().forEach(e -> seen.add(e.sequence()));
    List<Long> all =
        store.eventsAfter(0, 100_000).stream()
            .map(dev.delegate.core.job.JobEvent::sequence)
            .filter(s -> s > start)
            .toList();
    assertThat(all).hasSize(workers * jobsEach * 4); // queued, claimed, note, failed
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    assertThat(store.lastEventSequence()).isEqualTo(all.getLast());
  }

  @Test
  public void should_list_the_held_jobs_unchanged_since_a_moment_and_find_those_stuck()
      throws Exception {
    for (int i = 0; i < 8; i++) {
      store.enqueue(newJob("held-" + i, 300 + i), m(0));
    }
    store.enqueue(newJob("queued", 400), m(0));
    Race.run(
        8,
        w -> {
          String owner = "node-" + w;
          String id = store.claim(owner, LEASE, m(1)).orElseThrow().id();
          if (w % 2 == 1) {
            assertThat(store.transition(id, owner, JobState.RUNNING, "", JobChange.NONE, m(2)))
                .isTrue();
          }
          return null;
        });
    assertThat(store.heldSince(m(1), 100)).isEmpty();
    List<dev.delegate.core.job.Job> held = store.heldSince(m(3), 100);
    assertThat(held).hasSize(8).allSatisfy(j -> assertThat(j.state().isLeased()).isTrue());
    assertThat(held.getFirst().state())
        .as("the longest unchanged first")
        .isEqualTo(JobState.PREPARING);
    assertThat(store.heldSince(m(3), 3)).hasSize(3);

    AtomicReference<Instant> now = new AtomicReference<>(m(7));
    java.time.Clock clock =
        new java.time.Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    StuckJobs stuck =
        new StuckJobs(
            store,
            clock,
            Map.of(
                JobState.PREPARING,
                Duration.ofMinutes(5),
                JobState.RUNNING,
                Duration.ofMinutes(20)));
    List<StuckJobs.Stuck> found = stuck.check();
    assertThat(found)
        .hasSize(4)
        .allSatisfy(s -> assertThat(s.state()).isEqualTo(JobState.PREPARING));
    assertThat(found.getFirst().since()).isEqualTo(m(1));
    assertThat(stuck.check()).hasSize(4);
    assertThat(stuck.found()).as("each stuck job counted once").isEqualTo(4);

    String moved = found.getFirst().jobId();
    String owner = store.find(moved).orElseThrow().leaseOwner().orElseThrow();
    assertThat(store.transition(moved, owner, JobState.RUNNING, "", JobChange.NONE, m(7))).isTrue();
    assertThat(stuck.check()).hasSize(3).noneMatch(s -> s.jobId().equals(moved));
    now.set(m(23));
    assertThat(stuck.check()).as("the running ones past 20 minutes too").hasSize(7);
    assertThat(stuck.found()).isEqualTo(8); // 4 preparing, then 4 running
    assertThat(stuck.current()).hasSize(7);
  }

  /** Claims a due job, again while the jobs due are held by other claims (a lost race). */
  private String claimSome(String owner, AtomicLong clock) {
    for (int tries = 0; tries < 1000; tries++) {
      Optional<dev.delegate.core.job.Job> job = store.claim(owner, LEASE, tick(clock));
      if (job.isPresent()) {
        return job.get().id();
      }
    }
    throw new AssertionError("no job could be claimed although one was queued");
  }

  private static Instant tick(AtomicLong clock) {
    return Instant.ofEpochMilli(clock.incrementAndGet());
  }

  /**
   * Every job created in the window or {@code waiting} in the queue since before it is queued, held
   * or succeeded, and the steps add up; once {@code allDone} jobs were created and as many claimed
   * (the oldest first), the newest {@code waiting} are left in the queue.
   */
  private static void checkConsistent(Dashboard d, int waiting, Optional<Integer> allDone) {
    Bucket now = d.buckets().getLast();
    int tasks = d.totals().tasks();
    int succeeded = d.totals().ended().get(JobState.SUCCEEDED);
    int preparing = d.steps().get(JobState.PREPARING).count();
    assertThat(now.queued()).isBetween(0, tasks + waiting);
    assertThat(now.busy()).isBetween(0, tasks + waiting);
    assertThat(now.queued() + now.busy() + succeeded).isEqualTo(tasks + waiting);
    assertThat(d.steps().get(JobState.QUEUED).count()).isBetween(0, tasks);
    assertThat(d.steps().get(JobState.COMMITTING).count()).isEqualTo(succeeded);
    assertThat(preparing - succeeded).isBetween(0, now.busy());
    assertThat(d.totals().successRate())
        .isEqualTo(succeeded == 0 ? Optional.<Double>empty() : Optional.of(1.0));
    allDone.ifPresent(
        n -> {
          assertThat(tasks).isEqualTo(n);
          assertThat(succeeded).isEqualTo(n);
          assertThat(now.queued()).isEqualTo(waiting);
          assertThat(now.busy()).isZero();
          assertThat(d.steps().get(JobState.QUEUED).count()).isEqualTo(n - waiting);
          for (JobState step : List.of(JobState.PREPARING, JobState.RUNNING, JobState.COMMITTING)) {
            assertThat(d.steps().get(step).count()).isEqualTo(n);
          }
        });
  }

  private static Optional<Duration> none() {
    return Optional.empty();
  }

  private static Step step(int count, int p50Minutes, int p95Minutes) {
    return new Step(
        count,
        Optional.of(Duration.ofMinutes(p50Minutes)),
        Optional.of(Duration.ofMinutes(p95Minutes)));
  }
}
