package dev.delegate.store;

/** The database engines the store runs on, where their SQL must differ. */
enum Dialect {
  H2,
  POSTGRESQL;

  /** The folder under {@code db/vendor} with this engine's own migrations. */
  String folder() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Dialect of(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
  }
}
