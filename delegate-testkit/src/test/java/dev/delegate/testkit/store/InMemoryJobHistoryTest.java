package dev.delegate.testkit.store;

import dev.delegate.testkit.contract.JobHistoryContract;
import dev.delegate.testkit.contract.Stores;

/** The test kit's in-memory job store keeps the history contract the database ones keep. */
class InMemoryJobHistoryTest extends JobHistoryContract {
  @Override
  protected Stores openStores() {
    return new Stores(new InMemoryJobStore(), null, new InMemoryPullRequestStore(), () -> {});
  }
}
