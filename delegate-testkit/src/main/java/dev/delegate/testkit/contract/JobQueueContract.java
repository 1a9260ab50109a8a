package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobQueue;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * How every {@link JobStore} reports its queue ({@link JobStore#queue}): what {@code /metrics}
 * shows as queue depth and the oldest queued job's age.
 */
public abstract class JobQueueContract extends JobStoreFixture {

  @Test
  public void should_report_an_empty_queue_for_an_empty_store() {
    assertThat(store.queue(at(0))).isEqualTo(JobQueue.EMPTY);
  }

  @Test
  public void should_count_queued_jobs_and_date_the_oldest_claimable_one() {
    store.enqueue(newJob("job-1", 1), at(0));
    store.enqueue(newJob("job-2", 2), at(10));
    store.enqueue(newJob("job-3", 3), at(20));
    claimAndMove("node-a", at(30), JobState.RUNNING); // job-1 leaves the queue

    JobQueue queue = store.queue(at(40));

    assertThat(queue.depth()).isEqualTo(2);
    assertThat(queue.oldestDueSince()).contains(at(10));
    assertThat(queue.oldestAge(at(40))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  public void should_date_a_job_waiting_for_its_retry_from_when_the_retry_came_due() {
    store.enqueue(newJob("job-1", 1), at(0));
    assertThat(store.claim("node-a", LEASE, at(1))).isPresent();
    assertThat(
            store.transition(
                "job-1",
                "node-a",
                JobState.QUEUED,
                "retrying",
                JobChange.retryAt(at(60), "the agent failed"),
                at(2)))
        .isTrue();

    assertThat(store.queue(at(30)))
        .as("waiting for its retry: counted, not yet claimable")
        .isEqualTo(new JobQueue(1, Optional.empty()));
    assertThat(store.queue(at(90)).oldestDueSince()).contains(at(60));
  }

  @Test
  public void should_count_exactly_while_many_jobs_are_queued_and_claimed_at_once()
      throws Exception {
    int jobs = 40;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        int n = i;
        writes.add(pool.submit(() -> store.enqueue(newJob("job-" + n, n + 1), at(n))));
      }
      for (Future<?> write : writes) {
        write.get();
      }
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < jobs / 2; i++) {
        claims.add(pool.submit(() -> store.claim("node-a", LEASE, at(100)).isPresent()));
      }
      for (Future<Boolean> claim : claims) {
        assertThat(claim.get()).isTrue();
      }
    }

    JobQueue queue = store.queue(at(200));

    assertThat(queue.depth()).isEqualTo(jobs / 2);
    assertThat(queue.oldestDueSince()).contains(at(jobs / 2)); // claims take the oldest first
  }
}
