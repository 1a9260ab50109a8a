package dev.delegate.server.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.http.Http;
import dev.delegate.server.http.SseReader;
import dev.delegate.server.launch.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live streams carry event ids and go on where a client was cut off ({@code Last-Event-ID}),
 * and answer any client, a plain {@code curl -N} as much as a browser.
 */
class StreamReplayTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration JOB_LIMIT = Duration.ofMinutes(3);
  private static final List<String> FINAL = List.of("SUCCEEDED", "FAILED", "TIMED_OUT");
  @TempDir static Path data;
  static Roles roles;
  static int port;

  @BeforeAll
  static void start() {
    roles = Servers.start(data, "api,processor,pool", "--workers", "3");
    port = roles.api().orElseThrow().port();
  }

  @AfterAll
  static void stop() {
    roles.close();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String delegate(String title, String objective) throws Exception {
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/delegate/personal"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Http.JSON.writeValueAsString(
                            Map.of("title", title, "objective", objective))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Http.JSON.readTree(created.body()).path("jobId").asText();
  }

  private static JsonNode job(String jobId) throws Exception {
    return Http.JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(uri("/api/jobs/" + jobId)).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  /** A job's state changes as the store recorded them: the events that are not notes. */
  private static List<String> recordedStates(String jobId) throws Exception {
    List<String> states = new ArrayList<>();
    for (JsonNode event : job(jobId).path("events")) {
      if (!event.path("note").asBoolean()) {
        states.add(event.path("to").asText());
      }
    }
    return states;
  }

  private static boolean ended(String jobId) throws Exception {
    return FINAL.contains(job(jobId).path("state").asText());
  }

  @Test
  void should_send_a_reconnecting_client_every_change_it_missed_and_nothing_before()
      throws Exception {
    List<String> jobs = new ArrayList<>();
    SseReader first = SseReader.open(uri("/api/events"), null, Map.of());
    await().atMost(JOB_LIMIT).until(() -> !first.data("hello").isEmpty());
    for (int i = 0; i < 6; i++) {
      jobs.add(delegate("Replayed " + i, "scenario:note-replayed" + i + "-think-1"));
    }
    await()
        .atMost(JOB_LIMIT)
        .until(
            () ->
                first.data("job").stream()
                    .anyMatch(j -> j.path("state").asText().equals("RUNNING")));
    first.close(); // cut mid-job
    String lastEventId = first.lastEventId();
    List<JsonNode> before = first.data("job");
    await().atMost(JOB_LIMIT).until(() -> jobs.stream().allMatch(StreamReplayTest::endedQuietly));

    try (SseReader second =
        SseReader.open(uri("/api/events"), null, Map.of("Last-Event-ID", lastEventId))) {
      await()
          .atMost(JOB_LIMIT)
          .untilAsserted(
              () -> {
                for (String jobId : jobs) {
                  assertThat(statesOf(jobId, before, second.data("job")))
                      .isEqualTo(recordedStates(jobId));
                }
              });
      assertThat(second.data("job"))
          .allSatisfy(
              j -> assertThat(j.path("seq").asLong()).isGreaterThan(Long.parseLong(lastEventId)));
      assertThat(second.data("resync")).isEmpty();
    }
  }

  /**
   * A job's states as a client saw them over both streams, each event once (by its {@code seq}), in
   * the order of the log.
   */
  private static List<String> statesOf(String jobId, List<JsonNode> first, List<JsonNode> second) {
    Map<Long, String> bySeq = new java.util.TreeMap<>();
    for (List<JsonNode> part : List.of(first, second)) {
      for (JsonNode event : part) {
        if (event.path("jobId").asText().equals(jobId)) {
          bySeq.put(event.path("seq").asLong(), event.path("state").asText());
        }
      }
    }
    return new ArrayList<>(bySeq.values());
  }

  private static boolean endedQuietly(String jobId) {
    try {
      return ended(jobId);
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void should_send_the_job_again_only_when_it_changed_since_the_last_event_id() throws Exception {
    String jobId = delegate("Streamed once", "scenario:note-once-think-0");
    String lastId;
    try (SseReader whole =
        SseReader.open(uri("/api/jobs/" + jobId + "/events?until=final"), null, Map.of())) {
      await().atMost(JOB_LIMIT).until(whole::ended);
      assertThat(whole.status()).isEqualTo(200);
      assertThat(whole.data("job").getLast().path("state").asText()).isEqualTo("SUCCEEDED");
      lastId = whole.lastEventId();
      assertThat(lastId).isNotEmpty();
      Set<String> ids = new HashSet<>();
      whole.events().stream().filter(e -> e.name().equals("job")).forEach(e -> ids.add(e.id()));
      assertThat(ids)
          .as("each version of the job has its own id")
          .hasSize(whole.data("job").size());
    }
    try (SseReader again =
        SseReader.open(
            uri("/api/jobs/" + jobId + "/events?until=final"),
            null,
            Map.of("Last-Event-ID", lastId))) {
      await().atMost(JOB_LIMIT).until(again::ended);
      assertThat(again.data("job")).as("nothing changed since").isEmpty();
      assertThat(again.data("end").getFirst().path("state").asText()).isEqualTo("SUCCEEDED");
    }
    try (SseReader stale =
        SseReader.open(
            uri("/api/jobs/" + jobId + "/events?until=final"),
            null,
            Map.of("Last-Event-ID", "1-0123"))) {
      await().atMost(JOB_LIMIT).until(stale::ended);
      assertThat(stale.data("job")).hasSize(1);
      assertThat(stale.lastEventId()).isEqualTo(lastId);
    }
  }

  @Test
  void should_stream_the_workers_to_a_plain_client_with_ids_and_refuse_a_bad_last_event_id()
      throws Exception {
    try (SseReader workers = SseReader.open(uri("/api/workers/events"), null, Map.of())) {
      await().atMost(JOB_LIMIT).until(() -> !workers.data("workers").isEmpty());
      assertThat(workers.status()).isEqualTo(200);
      assertThat(workers.lastEventId()).isNotEmpty();
      assertThat(workers.data("workers").getFirst().path("workers")).hasSize(3);
    }
    Map<String, String> garbage = new LinkedHashMap<>();
    garbage.put("Last-Event-ID", "not-a-position");
    try (SseReader refused = SseReader.open(uri("/api/events"), null, garbage)) {
      await().atMost(JOB_LIMIT).until(refused::ended);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("invalid_last_event_id").contains("not-a-position");
    }
  }
}
