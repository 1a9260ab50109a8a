package dev.delegate.testkit.store;

import dev.delegate.testkit.contract.Stores;
import dev.delegate.testkit.contract.TaskStoreContract;

/** The test kit's in-memory task store keeps the contract of the database ones. */
class InMemoryTaskStoreTest extends TaskStoreContract {
  @Override
  protected Stores openStores() {
    InMemoryJobStore jobs = new InMemoryJobStore();
    return new Stores(jobs, new InMemoryTaskStore(jobs), new InMemoryPullRequestStore(), () -> {});
  }
}
