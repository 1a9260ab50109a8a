package dev.delegate.store;

import dev.delegate.testkit.contract.FollowUpStoreContract;

/** The follow-up store contract on a real PostgreSQL server, a fresh database for each test. */
class PgFollowUpStoreTest extends FollowUpStoreContract {
  @Override
  protected Engine openEngine() {
    Database database = Engines.postgres();
    return new Engine(
        database.followUpStore(), database.jobStore(), database.taskStore(), database::close);
  }
}
