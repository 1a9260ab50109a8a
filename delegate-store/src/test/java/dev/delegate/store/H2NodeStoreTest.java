package dev.delegate.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The node registry on the embedded H2 file database. */
class H2NodeStoreTest extends NodeStoreContract {
  @TempDir Path dataDirectory;

  @Override
  protected Database openDatabase() {
    return Engines.h2(dataDirectory);
  }
}
