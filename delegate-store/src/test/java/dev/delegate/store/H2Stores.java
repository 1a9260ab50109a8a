package dev.delegate.store;

import dev.delegate.testkit.contract.Stores;
import java.nio.file.Path;

/** The store contracts' engine: an H2 file database in a folder of the test's. */
final class H2Stores {
  private H2Stores() {}

  static Stores open(Database database) {
    return new Stores(
        database.jobStore(), database.taskStore(), database.pullRequestStore(), database::close);
  }

  static Stores open(Path directory) {
    return open(Database.h2File(directory));
  }
}
