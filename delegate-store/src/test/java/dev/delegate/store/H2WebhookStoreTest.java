package dev.delegate.store;

import dev.delegate.core.webhook.WebhookStore;
import dev.delegate.testkit.contract.Stores;
import dev.delegate.testkit.contract.WebhookStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The webhook store contract on the embedded H2 file database. */
class H2WebhookStoreTest extends WebhookStoreContract {
  @TempDir Path dataDirectory;
  private Database database;

  @Override
  protected Stores openStores() {
    database = Engines.h2(dataDirectory);
    return Engines.stores(database);
  }

  @Override
  protected WebhookStore webhookStore() {
    return database.webhookStore();
  }
}
