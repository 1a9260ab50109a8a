package dev.delegate.store;

import dev.delegate.testkit.contract.JobUsageContract;
import dev.delegate.testkit.contract.Stores;

/** The usage contract on a real PostgreSQL server, a fresh schema for each test. */
class PgJobUsageTest extends JobUsageContract {
  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.postgres());
  }
}
