package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.job.ActiveJobs;
import dev.delegate.core.job.ActiveJobs.InState;
import dev.delegate.core.job.JobChange;
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
 * How every {@link JobStore} reports its active jobs ({@link JobStore#active}): what {@code
 * /metrics} shows as the queue's depth and how long jobs have been in their state.
 */
public abstract class ActiveJobsContract extends JobStoreFixture {

  @Test
  public void should_report_no_active_jobs_for_an_empty_store() {
    assertThat(store.active(at(0))).isEqualTo(ActiveJobs.NONE);
  }

  @Test
  public void should_count_active_jobs_by_state_and_date_the_oldest_in_each() {
    store.enqueue(newJob("job-1", 1), at(0));
    store.enqueue(newJob("job-2", 2), at(10));
    store.enqueue(newJob("job-3", 3), at(20));
    store.enqueue(newJob("job-4", 4), at(25));
    claimAndMove("node-a", at(30), JobState.RUNNING); // job-1
    claimAndMove("node-a", at(35), JobState.RUNNING, JobState.COMMITTING); // job-2
    claimAndMove("node-a", at(36), JobState.RUNNING, JobState.COMMITTING, JobState.SUCCEEDED);

    ActiveJobs active = store.active(at(40));

    assertThat(active.byState())
        .containsOnlyKeys(JobState.QUEUED, JobState.RUNNING, JobState.COMMITTING);
    assertThat(active.in(JobState.QUEUED)).isEqualTo(new InState(1, Optional.of(at(25))));
    assertThat(active.in(JobState.RUNNING)).isEqualTo(new InState(1, Optional.of(at(30))));
    assertThat(active.in(JobState.COMMITTING)).isEqualTo(new InState(1, Optional.of(at(35))));
    assertThat(active.oldestAge(JobState.QUEUED, at(40))).isEqualTo(Duration.ofSeconds(15));
    assertThat(active.oldestAge(JobState.PREPARING, at(40))).isZero();
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

    assertThat(store.active(at(30)).in(JobState.QUEUED))
        .as("waiting for its retry: counted, not yet claimable")
        .isEqualTo(new InState(1, Optional.empty()));
    assertThat(store.active(at(90)).in(JobState.QUEUED).oldestSince()).contains(at(60));
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

    ActiveJobs active = store.active(at(200));

    assertThat(active.in(JobState.QUEUED).count()).isEqualTo(jobs / 2);
    assertThat(active.in(JobState.QUEUED).oldestSince())
        .as("claims take the oldest first")
        .contains(at(jobs / 2));
    assertThat(active.in(JobState.PREPARING))
        .isEqualTo(new InState(jobs / 2, Optional.of(at(100))));
  }
}
