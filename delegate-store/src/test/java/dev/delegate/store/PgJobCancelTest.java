package dev.delegate.store;

import dev.delegate.testkit.contract.JobCancelContract;
import dev.delegate.testkit.contract.Stores;

/** The cancel contract on a real PostgreSQL server, a fresh schema for each test. */
class PgJobCancelTest extends JobCancelContract {
  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.postgres());
  }
}
