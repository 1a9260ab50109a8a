package dev.delegate.store;

import dev.delegate.testkit.contract.JobHistoryContract;
import dev.delegate.testkit.contract.Stores;

/** The history contract on a real PostgreSQL server, a fresh schema for each test. */
class PgJobHistoryTest extends JobHistoryContract {
  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.postgres());
  }
}
