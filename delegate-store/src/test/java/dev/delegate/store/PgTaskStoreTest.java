package dev.delegate.store;

import dev.delegate.testkit.contract.Stores;
import dev.delegate.testkit.contract.TaskStoreContract;

/** The task store contract on a real PostgreSQL server, a fresh schema for each test. */
class PgTaskStoreTest extends TaskStoreContract {
  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.postgres());
  }
}
