package dev.delegate.store;

import dev.delegate.testkit.contract.Stores;
import dev.delegate.testkit.postgres.PostgresServer;
import java.nio.file.Path;

/** The engines the store contracts run on, each opened empty for one test. */
final class Engines {
  private Engines() {}

  /** An H2 file database in a folder of the test's. */
  static Database h2(Path directory) {
    return Database.h2File(directory);
  }

  private static final String TEMPLATE = "delegate_migrated";
  private static boolean templateMade;

  /**
   * A fresh database on this JVM's PostgreSQL server, copied from one the migrations ran on once
   * (Flyway then finds it up to date).
   */
  static Database postgres() {
    PostgresServer server = PostgresServer.shared();
    synchronized (Engines.class) {
      if (!templateMade) {
        server.execute("CREATE DATABASE " + TEMPLATE);
        Database.jdbc(server.url(TEMPLATE), PostgresServer.USER, server.password()).close();
        templateMade = true;
      }
    }
    return Database.jdbc(server.newDatabase(TEMPLATE), PostgresServer.USER, server.password());
  }

  static Stores stores(Database database) {
    return new Stores(
        database.jobStore(), database.taskStore(), database.pullRequestStore(), database::close);
  }
}
