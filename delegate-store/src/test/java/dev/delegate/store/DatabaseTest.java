package dev.delegate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dataDirectory;

  @Test
  void should_open_the_h2_file_under_the_data_directory_without_write_delay_or_result_reuse()
      throws SQLException {
    try (Database database = Database.h2File(dataDirectory)) {
      assertThat(setting(database, "WRITE_DELAY")).isNotEmpty().containsOnly("0");
      assertThat(reusesResults(database))
          .as(
              "H2's reuse of a session's last result can answer with a row as it was before a commit")
          .isFalse();
      assertThat(setting(database, "QUERY_CACHE_SIZE")).containsOnly("64");
    }
    assertThat(Files.exists(dataDirectory.resolve("db").resolve("delegate.mv.db"))).isTrue();
  }

  /** The engine's own flag; H2 does not list it among its settings. */
  private static boolean reusesResults(Database database) throws SQLException {
    return database
        .jdbi()
        .withHandle(
            h ->
                ((SessionLocal) h.getConnection().unwrap(JdbcConnection.class).getSession())
                    .getDatabase()
                    .getOptimizeReuseResults());
  }

  private static List<String> setting(Database database, String name) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                            + " WHERE SETTING_NAME = :name")
                    .bind("name", name)
                    .mapTo(String.class)
                    .list());
  }

  @Test
  void should_migrate_once_and_open_again() {
    Database.h2File(dataDirectory).close();
    try (Database database = Database.h2File(dataDirectory)) {
      List<String> applied =
          database
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT \"version\" FROM \"flyway_schema_history\""
                                  + " WHERE \"type\" = 'SQL' AND \"success\"")
                          .mapTo(String.class)
                          .list());
      assertThat(applied)
          .containsExactly(
              "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
              "17");
    }
  }
}
