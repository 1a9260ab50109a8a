package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the job store contracts share: a fresh, empty store of the subclass's engine for each test,
 * a job factory and the moves that bring a job to a state.
 */
public abstract class JobStoreFixture {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
  protected static final RepoRef REPO = new RepoRef("demian7575", "aipm");
  protected static final Duration LEASE = Duration.ofSeconds(30);

  protected Stores stores;
  protected JobStore store;

  /** Opens this test's stores, empty. */
  protected abstract Stores openStores() throws Exception;

  @BeforeEach
  public void openStore() throws Exception {
    stores = openStores();
    store = stores.jobs();
  }

  @AfterEach
  public void closeStore() throws Exception {
    stores.close().close();
  }

  protected static NewJob newJob(String id, int prNumber) {
    return new NewJob(id, REPO, prNumber, "feature/export-" + prNumber, "Add an export button");
  }

  protected static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  /** Claims the only due job and drives it to {@code state} through allowed moves. */
  protected Job claimAndMove(String owner, Instant now, JobState... path) {
    Job job = store.claim(owner, LEASE, now).orElseThrow();
    for (JobState next : path) {
      assertThat(store.transition(job.id(), owner, next, "to " + next, JobChange.NONE, now))
          .isTrue();
    }
    return store.find(job.id()).orElseThrow();
  }
}
