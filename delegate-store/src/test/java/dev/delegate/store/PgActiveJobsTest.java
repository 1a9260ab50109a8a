package dev.delegate.store;

import dev.delegate.testkit.contract.ActiveJobsContract;
import dev.delegate.testkit.contract.Stores;

/** The active jobs contract on a real PostgreSQL server, a fresh schema for each test. */
class PgActiveJobsTest extends ActiveJobsContract {
  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.postgres());
  }
}
