package dev.delegate.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.forge.RepoRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservableJobStoreTest {
  private static final Instant NOW = Instant.parse("2025-01-01T10:00:00.123Z");
  private final StubStore stub = new StubStore();
  private final ObservableJobStore store = new ObservableJobStore(stub);
  private final List<ObservableJobStore.StateChange> seen = new ArrayList<>();

  @Test
  void should_publish_enqueue_claim_and_transition_after_they_succeed() {
    store.subscribe(seen::add);
    store.enqueue(new NewJob("j1", stub.repo, 1, "feature/x", ""), NOW);
    store.claim("node", Duration.ofSeconds(30), NOW);
    store.transition("j1", "node", JobState.RUNNING, "running", JobChange.NONE, NOW);
    stub.allow = false;
    store.transition("j1", "node", JobState.COMMITTING, "lost", JobChange.NONE, NOW);

    assertThat(seen)
        .extracting(ObservableJobStore.StateChange::state)
        .containsExactly(JobState.QUEUED, JobState.PREPARING, JobState.RUNNING);
    assertThat(seen).allSatisfy(c -> assertThat(c.jobId()).isEqualTo("j1"));
  }

  @Test
  void should_not_publish_when_enqueue_joined_an_active_job() {
    store.subscribe(seen::add);
    stub.created = false;
    store.enqueue(new NewJob("j1", stub.repo, 1, "feature/x", ""), NOW);
    assertThat(seen).isEmpty();
  }

  @Test
  void should_publish_the_jobs_a_requeue_moved() {
    store.subscribe(seen::add);
    stub.requeued = Map.of("expired", JobState.QUEUED, "gave-up", JobState.FAILED);
    assertThat(store.takeBackExpired(NOW, 3)).isEqualTo(stub.requeued);
    assertThat(seen)
        .extracting(ObservableJobStore.StateChange::jobId, ObservableJobStore.StateChange::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("expired", JobState.QUEUED),
            org.assertj.core.groups.Tuple.tuple("gave-up", JobState.FAILED));
  }

  @Test
  void should_publish_a_cancel_only_when_the_job_is_cancelled_at_once() {
    store.subscribe(seen::add);
    assertThat(store.cancel("queued", "by a person", NOW)).isEqualTo(JobStore.Cancel.CANCELLED);
    stub.cancelled = JobStore.Cancel.REQUESTED;
    assertThat(store.cancel("held", "by a person", NOW)).isEqualTo(JobStore.Cancel.REQUESTED);
    assertThat(seen)
        .extracting(ObservableJobStore.StateChange::jobId, ObservableJobStore.StateChange::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("queued", JobState.CANCELLED));
  }

  @Test
  void should_keep_telling_others_when_a_listener_throws_and_stop_after_close() {
    store.subscribe(
        c -> {
          throw new IllegalStateException("boom");
        });
    ObservableJobStore.Subscription subscription = store.subscribe(seen::add);
    store.enqueue(new NewJob("j1", stub.repo, 1, "feature/x", ""), NOW);
    subscription.close();
    store.enqueue(new NewJob("j2", stub.repo, 2, "feature/y", ""), NOW);
    assertThat(seen).extracting(ObservableJobStore.StateChange::jobId).containsExactly("j1");
  }

  /** Answers what the test sets; only what the decorator reads. */
  @Test
  void should_publish_what_the_feed_reports_once_and_pass_on_a_gap() {
    FeedStub feed = new FeedStub();
    ObservableJobStore shared = new ObservableJobStore(stub, feed);
    List<String> gaps = new ArrayList<>();
    shared.subscribe(
        new ObservableJobStore.Listener() {
          @Override
          public void changed(ObservableJobStore.StateChange change) {
            seen.add(change);
          }

          @Override
          public void missed() {
            gaps.add("missed");
          }
        });

    shared.enqueue(new NewJob("j1", stub.repo, 1, "feature/x", ""), NOW); // told by the feed only
    assertThat(seen).isEmpty();
    feed.listener.changed(new ObservableJobStore.StateChange("j1", JobState.QUEUED, NOW));
    feed.listener.changed(new ObservableJobStore.StateChange("other", JobState.RUNNING, NOW));
    feed.listener.missed();

    assertThat(seen)
        .extracting(ObservableJobStore.StateChange::jobId)
        .containsExactly("j1", "other");
    assertThat(gaps).containsExactly("missed");
    assertThat(shared.seesOtherNodes()).isTrue();
    shared.stopFeed();
    assertThat(feed.closed).isTrue();
  }

  private static final class FeedStub implements JobChangeFeed {
    Listener listener;
    boolean closed;

    @Override
    public void start(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static final class StubStore implements JobStore {
    final RepoRef repo = new RepoRef("local", "sample-app");
    final List<Job> jobs = new ArrayList<>();
    boolean created = true;
    boolean allow = true;
    Map<String, JobState> requeued = Map.of();
    Cancel cancelled = Cancel.CANCELLED;

    Job job(String id, JobState state, Instant updated) {
      return new Job(
          id,
          repo,
          1,
          "feature/x",
          "",
          state,
          0,
          updated,
          updated,
          updated,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    @Override
    public Enqueued enqueue(NewJob job, Instant now) {
      return new Enqueued(job(job.id(), JobState.QUEUED, now), created);
    }

    @Override
    public Optional<Job> find(String id) {
      return Optional.empty();
    }

    @Override
    public boolean addUsage(String jobId, dev.delegate.core.agent.Usage usage) {
      return false;
    }

    @Override
    public dev.delegate.core.criteria.JobCriteria criteria(String jobId) {
      return dev.delegate.core.criteria.JobCriteria.NONE;
    }

    @Override
    public boolean recordVerdicts(
        String jobId, List<dev.delegate.core.criteria.CriterionVerdict> verdicts) {
      return false;
    }

    @Override
    public Optional<Job> findByPullRequest(RepoRef repo, int prNumber) {
      return Optional.empty();
    }

    @Override
    public List<Job> recent(int limit) {
      return jobs;
    }

    @Override
    public Optional<Job> claim(String owner, String agent, Duration lease, Instant now) {
      return Optional.of(job("j1", JobState.PREPARING, now));
    }

    @Override
    public boolean renewLease(String jobId, String owner, Duration lease, Instant now) {
      return true;
    }

    @Override
    public boolean transition(
        String jobId, String owner, JobState to, String message, JobChange change, Instant now) {
      return allow;
    }

    @Override
    public boolean giveBack(String jobId, String owner, String message, Instant now) {
      return allow;
    }

    @Override
    public Map<String, JobState> takeBackExpired(Instant now, int maxAttempts) {
      return requeued;
    }

    @Override
    public Cancel cancel(String jobId, String reason, Instant now) {
      return cancelled;
    }

    @Override
    public List<String> cancelRequested(String owner) {
      return List.of();
    }

    @Override
    public boolean provideInput(String jobId, String text, Instant now) {
      return true;
    }

    @Override
    public Optional<String> pendingInput(String jobId, String owner) {
      return Optional.empty();
    }

    @Override
    public boolean note(String jobId, String message, Instant now) {
      return true;
    }

    @Override
    public List<JobEvent> events(String jobId) {
      return List.of();
    }

    @Override
    public List<JobEvent> eventsAfter(long afterSequence, int limit) {
      return List.of();
    }

    @Override
    public long lastEventSequence() {
      return 0;
    }

    @Override
    public List<Job> heldSince(Instant before, int limit) {
      return List.of();
    }

    @Override
    public JobHistory history(Instant since) {
      return new JobHistory(List.of(), Map.of());
    }
  }
}
