package dev.delegate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job the store reported as stored survives {@code kill -9} of its process: a child JVM enqueues
 * and prints {@code STORED <id>}, is killed with SIGKILL the moment the line arrives, and the store
 * opened again holds the job. (H2's default write delay lost such rows; see DESIGN.md.)
 */
class H2DurabilityTest {
  @TempDir Path dataDirectory;
  @TempDir Path logs;

  @Test
  void should_keep_jobs_committed_just_before_the_process_was_killed() throws Exception {
    List<String> stored = new ArrayList<>();
    for (int round = 1; round <= 4; round++) {
      // Round 1 stores one job and waits; later rounds are killed while still enqueuing.
      boolean oneThenWait = round == 1;
      stored.addAll(runAndKill("round" + round, oneThenWait ? 1 : 0, oneThenWait ? 1 : 20));

      try (Database database = Database.h2File(dataDirectory)) {
        JdbcJobStore store = database.jobStore();
        assertThat(stored).allSatisfy(id -> assertThat(store.find(id)).as(id).isPresent());
      }
    }
  }

  /** Starts the child, reads {@code lines} STORED lines, kills it at once; returns the ids. */
  private List<String> runAndKill(String repo, int count, int lines) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Path stderr = logs.resolve(repo + ".err");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityChild.class.getName(),
                dataDirectory.toString(),
                repo,
                Integer.toString(count))
            .redirectError(stderr.toFile())
            .start();
    List<String> ids = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      while (ids.size() < lines) {
        String line = out.readLine();
        assertThat(line).as("child output; stderr: %s", read(stderr)).isNotNull();
        if (line.startsWith("STORED ")) {
          ids.add(line.substring("STORED ".length()));
        }
      }
      assertThat(child.isAlive()).isTrue();
      child.destroyForcibly();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    return ids;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
