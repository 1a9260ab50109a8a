package dev.delegate.store;

import dev.delegate.testkit.contract.Stores;
import dev.delegate.testkit.contract.TaskPageContract;

/** The task list contract on a real PostgreSQL server, a fresh schema for each test. */
class PgTaskPageTest extends TaskPageContract {
  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.postgres());
  }
}
