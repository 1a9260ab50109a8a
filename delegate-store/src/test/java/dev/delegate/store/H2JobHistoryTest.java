package dev.delegate.store;

import dev.delegate.testkit.contract.JobHistoryContract;
import dev.delegate.testkit.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The history contract on the embedded H2 file database, a fresh one in a temp folder. */
class H2JobHistoryTest extends JobHistoryContract {
  @TempDir Path dataDirectory;

  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.h2(dataDirectory));
  }
}
