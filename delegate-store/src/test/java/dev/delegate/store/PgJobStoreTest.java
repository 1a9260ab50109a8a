package dev.delegate.store;

/** The job store contract on a real PostgreSQL server, a fresh schema for each test. */
class PgJobStoreTest extends JdbcJobStoreContract {
  @Override
  protected Database openDatabase() {
    return Engines.postgres();
  }
}
