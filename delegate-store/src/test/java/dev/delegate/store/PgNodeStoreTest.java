package dev.delegate.store;

/** The node registry on a real PostgreSQL server. */
class PgNodeStoreTest extends NodeStoreContract {
  @Override
  protected Database openDatabase() {
    return Engines.postgres();
  }
}
