package dev.delegate.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The job store contract on the embedded H2 file database, a fresh one in a temp folder. */
class H2JobStoreTest extends JdbcJobStoreContract {
  @TempDir Path dataDirectory;

  @Override
  protected Database openDatabase() {
    return Engines.h2(dataDirectory);
  }
}
