package dev.delegate.store;

import dev.delegate.testkit.contract.JobQueueContract;
import dev.delegate.testkit.contract.Stores;

/** The queue contract on a real PostgreSQL server, a fresh schema for each test. */
class PgJobQueueTest extends JobQueueContract {
  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.postgres());
  }
}
