package dev.delegate.store;

import dev.delegate.testkit.contract.JobQueueContract;
import dev.delegate.testkit.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The queue contract on the embedded H2 file database, a fresh one in a temp folder. */
class H2JobQueueTest extends JobQueueContract {
  @TempDir Path dataDirectory;

  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.h2(dataDirectory));
  }
}
