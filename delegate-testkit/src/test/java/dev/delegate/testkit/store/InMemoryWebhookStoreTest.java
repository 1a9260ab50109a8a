package dev.delegate.testkit.store;

import dev.delegate.core.webhook.WebhookStore;
import dev.delegate.testkit.contract.Stores;
import dev.delegate.testkit.contract.WebhookStoreContract;

/** The test kit's in-memory stores keep the same contract as the database ones (webhooks). */
class InMemoryWebhookStoreTest extends WebhookStoreContract {
  private InMemoryJobStore jobs;

  @Override
  protected Stores openStores() {
    jobs = new InMemoryJobStore();
    return new Stores(jobs, null, new InMemoryPullRequestStore(), () -> {});
  }

  @Override
  protected WebhookStore webhookStore() {
    return new InMemoryWebhookStore(jobs);
  }
}
