package dev.delegate.testkit.store;

import dev.delegate.testkit.contract.JobCriteriaContract;
import dev.delegate.testkit.contract.Stores;

/** The test kit's in-memory stores keep acceptance criteria as the database ones do. */
class InMemoryJobCriteriaTest extends JobCriteriaContract {
  @Override
  protected Stores openStores() {
    InMemoryJobStore jobs = new InMemoryJobStore();
    return new Stores(jobs, new InMemoryTaskStore(jobs), new InMemoryPullRequestStore(), () -> {});
  }
}
