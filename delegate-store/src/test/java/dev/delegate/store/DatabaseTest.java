package dev.delegate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dataDirectory;

  @Test
  void should_open_the_h2_file_under_the_data_directory_without_write_delay_or_result_cache() {
    try (Database database = Database.h2File(dataDirectory)) {
      assertThat(setting(database, "WRITE_DELAY")).isNotEmpty().containsOnly("0");
      assertThat(setting(database, "QUERY_CACHE_SIZE"))
          .as("H2's per-session result cache can answer with a row as it was before a commit")
          .isNotEmpty()
          .containsOnly("0");
    }
    assertThat(Files.exists(dataDirectory.resolve("db").resolve("delegate.mv.db"))).isTrue();
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
      assertThat(applied).containsExactly("1", "2", "3");
    }
  }
}
