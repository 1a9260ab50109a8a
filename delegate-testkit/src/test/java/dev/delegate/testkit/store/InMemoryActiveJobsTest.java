package dev.delegate.testkit.store;

import dev.delegate.testkit.contract.ActiveJobsContract;
import dev.delegate.testkit.contract.Stores;

/** The in-memory store answers {@code active} with the port's default, which keeps the contract. */
class InMemoryActiveJobsTest extends ActiveJobsContract {
  @Override
  protected Stores openStores() {
    return new Stores(new InMemoryJobStore(), null, new InMemoryPullRequestStore(), () -> {});
  }
}
