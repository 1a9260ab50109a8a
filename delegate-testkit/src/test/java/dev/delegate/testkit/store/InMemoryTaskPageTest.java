package dev.delegate.testkit.store;

import dev.delegate.testkit.contract.Stores;
import dev.delegate.testkit.contract.TaskPageContract;

/** The test kit's in-memory task store pages and filters as the database ones do. */
class InMemoryTaskPageTest extends TaskPageContract {
  @Override
  protected Stores openStores() {
    InMemoryJobStore jobs = new InMemoryJobStore();
    return new Stores(jobs, new InMemoryTaskStore(jobs), new InMemoryPullRequestStore(), () -> {});
  }
}
