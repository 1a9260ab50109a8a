package dev.delegate.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.job.Job;
import dev.delegate.testkit.contract.JobStoreContract;
import dev.delegate.testkit.contract.Stores;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The job store contract on a database engine, and what only row locks can show. */
abstract class JdbcJobStoreContract extends JobStoreContract {
  protected Database database;

  /** Opens this test's database, empty. */
  protected abstract Database openDatabase();

  @Override
  protected Stores openStores() {
    database = openDatabase();
    return Engines.stores(database);
  }

  @Test
  void should_skip_a_job_that_another_transaction_holds() {
    store.enqueue(newJob("job-1", 1), at(0));
    store.enqueue(newJob("job-2", 2), at(1));

    Optional<Job> claimed =
        database
            .jdbi()
            .inTransaction(
                other -> {
                  other
                      .createQuery("SELECT id FROM jobs WHERE id = 'job-1' FOR UPDATE")
                      .mapTo(String.class)
                      .one();
                  // Another thread, so another connection (Jdbi reuses this thread's handle).
                  return CompletableFuture.supplyAsync(() -> store.claim("node-a", LEASE, at(2)))
                      .join();
                });

    assertThat(claimed.map(Job::id)).contains("job-2");
    assertThat(store.claim("node-b", LEASE, at(2)).map(Job::id)).contains("job-1");
  }
}
