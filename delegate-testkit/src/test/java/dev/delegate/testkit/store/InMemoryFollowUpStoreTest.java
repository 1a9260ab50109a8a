package dev.delegate.testkit.store;

import dev.delegate.testkit.contract.FollowUpStoreContract;

/** The test kit's in-memory follow-up store keeps the contract of the database ones. */
class InMemoryFollowUpStoreTest extends FollowUpStoreContract {
  @Override
  protected Engine openEngine() {
    InMemoryJobStore jobs = new InMemoryJobStore();
    InMemoryTaskStore tasks = new InMemoryTaskStore(jobs);
    return new Engine(new InMemoryFollowUpStore(jobs, tasks), jobs, tasks, () -> {});
  }
}
