package dev.delegate.store;

import dev.delegate.testkit.contract.ActiveJobsContract;
import dev.delegate.testkit.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The active jobs contract on the embedded H2 file database, a fresh one in a temp folder. */
class H2ActiveJobsTest extends ActiveJobsContract {
  @TempDir Path dataDirectory;

  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.h2(dataDirectory));
  }
}
