package dev.delegate.store;

import dev.delegate.testkit.contract.JobCriteriaContract;
import dev.delegate.testkit.contract.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance criteria contract on the embedded H2 file database, a fresh one in a temp folder.
 */
class H2JobCriteriaTest extends JobCriteriaContract {
  @TempDir Path dataDirectory;

  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.h2(dataDirectory));
  }
}
