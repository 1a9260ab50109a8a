package dev.delegate.testkit.store;

import dev.delegate.testkit.contract.PullRequestStoreContract;
import dev.delegate.testkit.contract.Stores;

/** The test kit's in-memory stores keep the same contract as the database ones (pull requests). */
class InMemoryPullRequestStoreTest extends PullRequestStoreContract {
  @Override
  protected Stores openStores() {
    return new Stores(new InMemoryJobStore(), null, new InMemoryPullRequestStore(), () -> {});
  }
}
