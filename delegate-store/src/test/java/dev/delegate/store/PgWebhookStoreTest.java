package dev.delegate.store;

import dev.delegate.core.webhook.WebhookStore;
import dev.delegate.testkit.contract.Stores;
import dev.delegate.testkit.contract.WebhookStoreContract;

/** The webhook store contract on a real PostgreSQL server, a fresh schema for each test. */
class PgWebhookStoreTest extends WebhookStoreContract {
  private Database database;

  @Override
  protected Stores openStores() {
    database = Engines.postgres();
    return Engines.stores(database);
  }

  @Override
  protected WebhookStore webhookStore() {
    return database.webhookStore();
  }
}
