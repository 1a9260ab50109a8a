package dev.delegate.store;

import dev.delegate.testkit.contract.JobCriteriaContract;
import dev.delegate.testkit.contract.Stores;

/** The acceptance criteria contract on a real PostgreSQL server, a fresh schema for each test. */
class PgJobCriteriaTest extends JobCriteriaContract {
  @Override
  protected Stores openStores() {
    return Engines.stores(Engines.postgres());
  }
}
