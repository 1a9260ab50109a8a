package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.http.SseReader;
import dev.delegate.server.launch.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/workers/events} sends the pool's body when the pool tells of a change. */
class WorkerEventsStreamTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);
  @TempDir static Path data;
  static Roles roles;
  static String url;

  @BeforeAll
  static void start() {
    roles = Servers.start(data, "api,processor,pool");
    url = "http://127.0.0.1:" + roles.api().orElseThrow().port();
  }

  @AfterAll
  static void stop() {
    roles.close();
  }

  /** A worker as the stream showed it, without the clocks. */
  private static String worker(JsonNode body) {
    JsonNode worker = body.path("workers").path(0);
    return worker.path("state").asText() + " after " + worker.path("turns").asLong() + " turn(s)";
  }

  private static List<String> workers(SseReader reader) {
    return reader.data("workers").stream().map(WorkerEventsStreamTest::worker).toList();
  }

  @Test
  void should_send_the_pool_at_once_then_as_a_turn_starts_and_ends() throws Exception {
    try (SseReader reader = SseReader.open(URI.create(url + "/api/workers/events"))) {
      await().atMost(LIMIT).until(() -> workers(reader).contains("READY after 0 turn(s)"));

      HttpResponse<String> created =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/api/delegate/personal"))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"title\":\"Watch the pool\","
                                  + "\"objective\":\"scenario:note-pool-think-1\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(201);

      await()
          .atMost(LIMIT)
          .untilAsserted(
              () ->
                  assertThat(workers(reader))
                      .containsSubsequence(
                          "READY after 0 turn(s)",
                          "BUSY after 0 turn(s)",
                          "READY after 1 turn(s)"));
      List<String> shown = workers(reader);
      for (int i = 1; i < shown.size(); i++) {
        assertThat(shown.get(i)).as("only changes are sent").isNotEqualTo(shown.get(i - 1));
      }
      assertThat(reader.data("workers").getLast().path("queued").asInt()).isZero();
    }
  }
}
