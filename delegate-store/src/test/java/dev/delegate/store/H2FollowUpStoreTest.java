package dev.delegate.store;

import dev.delegate.testkit.contract.FollowUpStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The follow-up store contract on the embedded H2 file database. */
class H2FollowUpStoreTest extends FollowUpStoreContract {
  @TempDir Path dataDirectory;

  @Override
  protected Engine openEngine() {
    Database database = Engines.h2(dataDirectory);
    return new Engine(
        database.followUpStore(), database.jobStore(), database.taskStore(), database::close);
  }
}
