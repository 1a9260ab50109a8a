package dev.delegate.store;

import dev.delegate.testkit.contract.PullRequestStoreContract;
import dev.delegate.testkit.contract.Stores;

/** The pull-request store contract on a real PostgreSQL server, a fresh schema for each test. */
class PgPullRequestStoreTest extends PullRequestStoreContract {
  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.postgres());
  }
}
