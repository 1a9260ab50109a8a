package dev.delegate.testkit.store;

import dev.delegate.testkit.contract.JobCancelContract;
import dev.delegate.testkit.contract.Stores;

/** The test kit's in-memory stores keep the same contract as the database ones (cancels). */
class InMemoryJobCancelTest extends JobCancelContract {
  @Override
  protected Stores openStores() {
    return new Stores(new InMemoryJobStore(), null, new InMemoryPullRequestStore(), () -> {});
  }
}
