package dev.delegate.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The pull-request store contract on the embedded H2 file database. */
class H2PullRequestStoreTest extends PullRequestStoreContract {
  @TempDir Path dataDirectory;

  @Override
  protected Database openDatabase() {
    return Database.h2File(dataDirectory);
  }
}
