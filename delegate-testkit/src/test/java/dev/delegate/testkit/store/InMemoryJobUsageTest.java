package dev.delegate.testkit.store;

import dev.delegate.testkit.contract.JobUsageContract;
import dev.delegate.testkit.contract.Stores;

/** The test kit's in-memory job store keeps the usage contract the database ones keep. */
class InMemoryJobUsageTest extends JobUsageContract {
  @Override
  protected Stores openStores() {
    return new Stores(new InMemoryJobStore(), null, new InMemoryPullRequestStore(), () -> {});
  }
}
