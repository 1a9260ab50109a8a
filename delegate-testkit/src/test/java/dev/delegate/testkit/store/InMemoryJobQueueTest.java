package dev.delegate.testkit.store;

import dev.delegate.testkit.contract.JobQueueContract;
import dev.delegate.testkit.contract.Stores;

/** The in-memory store answers {@code queue} with the port's default, which keeps the contract. */
class InMemoryJobQueueTest extends JobQueueContract {
  @Override
  protected Stores openStores() {
    return new Stores(new InMemoryJobStore(), null, new InMemoryPullRequestStore(), () -> {});
  }
}
