package dev.delegate.store;

/** The database engines the store runs on, where their SQL must differ. */
enum Dialect {
  H2,
  POSTGRESQL;

  static Dialect of(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
  }
}
