package dev.delegate.server.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.http.Http;
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

/**
 * The job endpoints answer the same on the API's port and the processor's: one class serves both.
 */
class JobRoutesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path data;
  static Roles roles;
  static List<Integer> ports;

  @BeforeAll
  static void start() {
    roles = Servers.start(data, "api,processor,pool");
    ports = List.of(roles.api().orElseThrow().port(), roles.processor().orElseThrow().port());
  }

  @AfterAll
  static void stop() {
    roles.close();
  }

  private static HttpResponse<String> send(int port, String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(int port, String path) throws Exception {
    HttpResponse<String> response = send(port, "GET", path, "");
    assertThat(response.statusCode()).as(path + " on " + port).isEqualTo(200);
    return Http.JSON.readTree(response.body());
  }

  @Test
  void should_answer_the_same_job_queries_on_both_ports() throws Exception {
    HttpResponse<String> delegated =
        send(
            ports.getFirst(),
            "POST",
            "/api/delegate/personal",
            "{\"title\":\"Same answers\",\"objective\":\"scenario:note-same-think-0\"}");
    JsonNode created = Http.JSON.readTree(delegated.body());
    String jobId = created.get("jobId").asText();
    int pr = created.get("prNumber").asInt();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                json(ports.getFirst(), "/api/jobs/" + jobId)
                    .get("state")
                    .asText()
                    .equals("SUCCEEDED"));

    for (String path :
        List.of(
            "/api/jobs/" + jobId,
            "/api/jobs?pr=" + pr,
            "/api/jobs?repo=sample-app&pr=" + pr,
            "/api/jobs?repo=local/sample-app&pr=" + pr,
            "/api/jobs?owner=local&repo=sample-app&pr=" + pr)) {
      JsonNode onApi = json(ports.get(0), path);
      JsonNode onProcessor = json(ports.get(1), path);
      assertThat(onProcessor).as(path).isEqualTo(onApi);
      assertThat(onApi.get("id").asText()).as(path).isEqualTo(jobId);
    }
    assertThat(json(ports.get(1), "/api/jobs?limit=1").get("jobs"))
        .isEqualTo(json(ports.get(0), "/api/jobs?limit=1").get("jobs"))
        .hasSize(1);
    for (int port : ports) {
      assertThat(send(port, "GET", "/api/jobs?limit=0", "").statusCode()).isEqualTo(400);
      assertThat(send(port, "GET", "/api/jobs?pr=x", "").statusCode()).isEqualTo(400);
      assertThat(send(port, "GET", "/api/jobs?repo=bad%20name&pr=1", "").statusCode())
          .isEqualTo(400);
      assertThat(send(port, "GET", "/api/jobs/no-such-job", "").statusCode()).isEqualTo(404);
      assertThat(send(port, "POST", "/api/jobs/no-such-job/cancel", "").statusCode())
          .isEqualTo(404);
      assertThat(send(port, "POST", "/api/jobs/" + jobId + "/cancel", "").statusCode())
          .as("an ended job")
          .isEqualTo(409);
    }
  }
}
