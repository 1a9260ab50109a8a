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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/jobs/{id}/events} on a real server, on the API's port and the processor's: the
 * job at once, each change, then {@code end} when it settles.
 */
class JobStreamTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration JOB_LIMIT = Duration.ofMinutes(3);
  @TempDir static Path data;
  static Roles roles;
  static List<Integer> ports;

  @BeforeAll
  static void start() {
    roles = Servers.start(data, "api,processor,pool", "--workers", "2");
    ports = List.of(roles.api().orElseThrow().port(), roles.processor().orElseThrow().port());
  }

  @AfterAll
  static void stop() {
    roles.close();
  }

  private static String delegate(String title, String objective) throws Exception {
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(uri(ports.getFirst(), "/api/delegate/personal"))
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

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static SseReader stream(int port, String jobId, String query) {
    return SseReader.open(uri(port, "/api/jobs/" + jobId + "/events" + query));
  }

  private static JsonNode job(int port, String jobId) throws Exception {
    return Http.JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(uri(port, "/api/jobs/" + jobId)).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static List<String> states(SseReader reader) {
    return reader.data("job").stream().map(j -> j.path("state").asText()).toList();
  }

  @Test
  void should_send_the_job_at_once_then_its_changes_and_end_at_its_final_state() throws Exception {
    String jobId = delegate("Streamed", "scenario:note-streamed-think-1");
    List<SseReader> readers = ports.stream().map(port -> stream(port, jobId, "")).toList();
    try {
      await().atMost(JOB_LIMIT).until(() -> readers.stream().allMatch(SseReader::ended));

      for (SseReader reader : readers) {
        assertThat(reader.status()).isEqualTo(200);
        List<SseReader.Event> events = reader.events();
        assertThat(events.getFirst().name()).isEqualTo("job");
        assertThat(events.getLast().name()).isEqualTo("end");
        assertThat(events.getLast().data().path("jobId").asText()).isEqualTo(jobId);
        assertThat(events.getLast().data().path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(states(reader)).last().isEqualTo("SUCCEEDED");
        assertThat(states(reader))
            .as("in the order the job went")
            .isSortedAccordingTo(
                Comparator.comparing(
                    s ->
                        List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING", "SUCCEEDED")
                            .indexOf(s)));
        JsonNode last = reader.data("job").getLast();
        JsonNode read = job(ports.getFirst(), jobId);
        assertThat(last.path("events")).isEqualTo(read.path("events"));
        assertThat(last.path("commit")).isEqualTo(read.path("commit"));
        assertThat(last.path("timingsMs")).isEqualTo(read.path("timingsMs"));
      }
      assertThat(readers.getFirst().data("job")).hasSizeGreaterThan(1);
    } finally {
      readers.forEach(SseReader::close);
    }
  }

  @Test
  void should_end_at_a_question_unless_asked_to_follow_until_the_job_is_final() throws Exception {
    String jobId = delegate("Streamed question", "scenario:ask-then-write");
    try (SseReader settled = stream(ports.get(1), jobId, "");
        SseReader toTheEnd = stream(ports.getFirst(), jobId, "?until=final")) {
      await().atMost(JOB_LIMIT).until(settled::ended);
      assertThat(settled.data("end").getFirst().path("state").asText()).isEqualTo("NEEDS_INPUT");
      assertThat(settled.data("job").getLast().path("question").asText())
          .contains("Which file name");
      assertThat(toTheEnd.ended()).isFalse();
      await().atMost(JOB_LIMIT).until(() -> states(toTheEnd).contains("NEEDS_INPUT"));

      HttpResponse<String> answered =
          HTTP.send(
              HttpRequest.newBuilder(uri(ports.getFirst(), "/api/jobs/" + jobId + "/input"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"streamed\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answered.statusCode()).isEqualTo(202);

      await().atMost(JOB_LIMIT).until(toTheEnd::ended);
      assertThat(toTheEnd.data("end").getFirst().path("state").asText()).isEqualTo("SUCCEEDED");
      assertThat(states(toTheEnd)).containsSubsequence("NEEDS_INPUT", "RUNNING", "SUCCEEDED");
    }
  }

  @Test
  void should_answer_404_with_a_message_for_an_unknown_job_and_400_for_a_bad_until()
      throws Exception {
    String jobId = delegate("Bad until", "scenario:note-bad-until-think-0");
    for (int port : ports) {
      try (SseReader unknown = stream(port, "no-such-job", "");
          SseReader bad = stream(port, jobId, "?until=forever")) {
        await().atMost(Duration.ofSeconds(30)).until(() -> unknown.ended() && bad.ended());

        assertThat(unknown.status()).isEqualTo(404);
        JsonNode error = Http.JSON.readTree(unknown.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("job_not_found");
        assertThat(error.path("message").asText()).isEqualTo("no job no-such-job");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid_until", "'settled'", "'final'");
      }
    }
  }

  @Test
  void should_end_every_stream_of_many_jobs_at_once_with_its_own_final_state() throws Exception {
    int jobs = 10;
    List<String> ids = new ArrayList<>();
    List<SseReader> readers = new ArrayList<>();
    try {
      for (int i = 0; i < jobs; i++) {
        // even ones write a file and succeed, odd ones change nothing and fail
        String objective = i % 2 == 0 ? "scenario:note-many" + i + "-think-0" : "zero-think";
        String id = delegate("Many " + i, objective);
        ids.add(id);
        readers.add(stream(ports.get(i % 2), id, ""));
      }

      await()
          .atMost(JOB_LIMIT.multipliedBy(2))
          .until(() -> readers.stream().allMatch(SseReader::ended));

      IntStream.range(0, jobs)
          .forEach(
              i -> {
                SseReader reader = readers.get(i);
                String expected = i % 2 == 0 ? "SUCCEEDED" : "FAILED";
                assertThat(reader.data("end")).as("job %d", i).hasSize(1);
                assertThat(reader.data("end").getFirst().path("state").asText())
                    .as("job %d", i)
                    .isEqualTo(expected);
                assertThat(reader.data("job").getLast().path("id").asText()).isEqualTo(ids.get(i));
                assertThat(reader.data("job").getLast().path("state").asText()).isEqualTo(expected);
              });
    } finally {
      readers.forEach(SseReader::close);
    }
  }
}
