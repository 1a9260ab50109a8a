package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * How every {@link JobStore} takes a person's cancel: a queued job at once, a held one by a request
 * only a move to {@code CANCELLED} satisfies, also when claims race.
 */
public abstract class JobCancelContract extends JobStoreFixture {
  @Test
  public void should_cancel_a_queued_job_at_once_and_free_its_pull_request() {
    store.enqueue(newJob("job-1", 1), T0);

    assertThat(store.cancel("job-1", "cancelled by a person", at(1)))
        .isEqualTo(JobStore.Cancel.CANCELLED);

    Job job = store.find("job-1").orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.CANCELLED);
    assertThat(job.failure()).contains("cancelled by a person");
    assertThat(store.events("job-1").getLast().message()).isEqualTo("cancelled by a person");
    assertThat(store.claim("node-a", LEASE, at(2))).isEmpty();
    assertThat(store.cancel("job-1", "again", at(3))).isEqualTo(JobStore.Cancel.ENDED);
    assertThat(store.cancel("job-x", "none", at(3))).isEqualTo(JobStore.Cancel.UNKNOWN);
    assertThat(store.enqueue(newJob("job-2", 1), at(4)).created()).isTrue();
  }

  @Test
  public void should_let_a_held_job_move_only_to_cancelled_once_a_cancel_is_requested() {
    store.enqueue(newJob("job-1", 1), T0);
    claimAndMove("node-a", at(1), JobState.RUNNING);

    assertThat(store.cancel("job-1", "by a person", at(2))).isEqualTo(JobStore.Cancel.REQUESTED);
    assertThat(store.cancel("job-1", "twice", at(2))).isEqualTo(JobStore.Cancel.REQUESTED);
    assertThat(store.cancelRequested("node-a")).containsExactly("job-1");
    assertThat(store.cancelRequested("node-b")).isEmpty();
    assertThat(store.find("job-1").orElseThrow().cancelRequest()).contains("by a person");
    assertThat(
            store.events("job-1").stream()
                .filter(e -> e.message().startsWith("cancel requested"))
                .count())
        .isEqualTo(1);

    assertThat(store.transition("job-1", "node-a", JobState.COMMITTING, "", JobChange.NONE, at(3)))
        .as("the commit a node was about to make")
        .isFalse();
    assertThat(store.transition("job-1", "node-a", JobState.QUEUED, "", JobChange.NONE, at(3)))
        .isFalse();
    assertThat(store.giveBack("job-1", "node-a", "shutting down", at(3))).isFalse();
    assertThat(
            store.transition(
                "job-1", "node-b", JobState.CANCELLED, "", JobChange.failure("x"), at(3)))
        .as("not the node holding it")
        .isFalse();
    assertThat(
            store.transition(
                "job-1",
                "node-a",
                JobState.CANCELLED,
                "cancelled",
                JobChange.failure("cancelled by a person"),
                at(4)))
        .isTrue();
    assertThat(store.cancelRequested("node-a")).isEmpty();
    assertThat(store.find("job-1").map(Job::state)).contains(JobState.CANCELLED);
  }

  @Test
  public void should_refuse_to_cancel_a_job_that_is_pushing_its_commit() {
    store.enqueue(newJob("job-1", 1), T0);
    claimAndMove("node-a", at(1), JobState.RUNNING, JobState.COMMITTING);

    assertThat(store.cancel("job-1", "too late", at(2))).isEqualTo(JobStore.Cancel.COMMITTING);
    assertThat(store.find("job-1").orElseThrow().cancelRequest()).isEmpty();
    assertThat(store.transition("job-1", "node-a", JobState.SUCCEEDED, "", JobChange.NONE, at(3)))
        .isTrue();
  }

  @Test
  public void should_cancel_instead_of_requeueing_a_job_whose_node_died_after_a_cancel_request() {
    store.enqueue(newJob("job-1", 1), T0);
    claimAndMove("node-a", at(1), JobState.RUNNING, JobState.NEEDS_INPUT);
    store.cancel("job-1", "by a person", at(2));

    assertThat(store.takeBackExpired(at(1).plus(LEASE).plusSeconds(1), 3))
        .containsExactly(Map.entry("job-1", JobState.CANCELLED));
    Job job = store.find("job-1").orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.CANCELLED);
    assertThat(job.failure())
        .hasValueSatisfying(f -> assertThat(f).startsWith("by a person").contains("node-a"));
    assertThat(store.claim("node-b", LEASE, at(60))).isEmpty();
  }

  @Test
  public void should_either_cancel_or_hand_out_each_job_when_claims_and_cancels_race()
      throws Exception {
    int jobs = 60;
    for (int i = 1; i <= jobs; i++) {
      store.enqueue(newJob("job-" + i, i), T0.plusMillis(i));
    }
    ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
    Map<String, JobStore.Cancel> cancels = new java.util.concurrent.ConcurrentHashMap<>();

    Race.run(
        8,
        i -> {
          if (i % 2 == 0) {
            for (int n = 0; n < jobs; n++) {
              store.claim("node-" + i, LEASE, at(1)).ifPresent(job -> claimed.add(job.id()));
            }
          } else {
            for (int n = i / 2 + 1; n <= jobs; n += 4) {
              cancels.put("job-" + n, store.cancel("job-" + n, "by a person", at(1)));
            }
          }
          return null;
        });

    assertThat(cancels).hasSize(jobs);
    assertThat(claimed).doesNotHaveDuplicates();
    for (int n = 1; n <= jobs; n++) {
      String id = "job-" + n;
      Job job = store.find(id).orElseThrow();
      if (claimed.contains(id)) {
        assertThat(cancels.get(id)).as(id).isEqualTo(JobStore.Cancel.REQUESTED);
        assertThat(job.state()).as(id).isEqualTo(JobState.PREPARING);
        assertThat(job.cancelRequest()).as(id).isPresent();
      } else {
        assertThat(cancels.get(id)).as(id).isEqualTo(JobStore.Cancel.CANCELLED);
        assertThat(job.state()).as(id).isEqualTo(JobState.CANCELLED);
      }
    }
    String owner = store.find(claimed.peek()).orElseThrow().leaseOwner().orElseThrow();
    assertThat(store.cancelRequested(owner)).isNotEmpty();
  }
}
