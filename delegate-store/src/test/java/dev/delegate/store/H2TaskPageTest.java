package dev.delegate.store;

import dev.delegate.testkit.contract.Stores;
import dev.delegate.testkit.contract.TaskPageContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The task list contract on the embedded H2 file database, a fresh one in a temp folder. */
class H2TaskPageTest extends TaskPageContract {
  @TempDir Path dataDirectory;

  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.h2(dataDirectory));
  }
}
