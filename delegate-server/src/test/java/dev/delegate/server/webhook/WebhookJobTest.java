package dev.delegate.server.webhook;

import static dev.delegate.server.webhook.Hooks.SECRET;
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
 * A delegated task's job, run by the scripted agent with all three roles in this JVM, tells the
 * webhook receiver that it waits for an answer and then that it succeeded, with its task and pull
 * request.
 */
class WebhookJobTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path data;
  static Receiver receiver;
  static Roles roles;

  @BeforeAll
  static void start() throws Exception {
    receiver = Receiver.start(SECRET);
    roles =
        Servers.start(
            data,
            "api,processor,pool",
            "--webhook-url",
            receiver.url(),
            "--webhook-secret",
            SECRET,
            "--webhook-retry-delay",
            "100ms");
  }

  @AfterAll
  static void stop() {
    roles.close();
    receiver.close();
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    int port = roles.api().orElseThrow().port();
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<JsonNode> bodies(String jobId) {
    return receiver.acknowledged().stream()
        .map(r -> Hooks.json(r.body()))
        .filter(b -> b.path("job").path("id").asText().equals(jobId))
        .toList();
  }

  @Test
  void should_tell_the_receiver_the_job_asks_and_then_that_it_succeeded() throws Exception {
    HttpResponse<String> created =
        post(
            "/api/delegate/personal",
            """
            {"title":"Name the export","objective":"scenario:ask-then-write add an export",
             "acceptanceCriteria":["The button has the colour asked for"]}
            """);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode delegated = Http.JSON.readTree(created.body());
    String jobId = delegated.path("jobId").asText();

    await().atMost(WAIT).until(() -> bodies(jobId).size() == 1);
    JsonNode asks = bodies(jobId).getFirst();
    assertThat(asks.path("event").asText()).isEqualTo("job.needs_input");
    assertThat(asks.path("question").asText()).isEqualTo("Which file name should the export use?");
    assertThat(asks.path("task").path("id").asText()).isEqualTo(delegated.path("taskId").asText());
    assertThat(asks.path("task").path("title").asText()).isEqualTo("Name the export");
    assertThat(asks.path("prUrl").asText()).isEqualTo(delegated.path("prUrl").asText());

    HttpResponse<String> answered =
        post("/api/jobs/" + jobId + "/input", "{\"text\":\"teal-export\"}");
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(202);

    await().atMost(WAIT).until(() -> bodies(jobId).size() == 2);
    JsonNode succeeded = bodies(jobId).get(1);
    assertThat(succeeded.path("event").asText()).isEqualTo("job.succeeded");
    assertThat(succeeded.path("job").path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(succeeded.path("job").path("branch").asText())
        .isEqualTo(delegated.path("branch").asText());
    assertThat(succeeded.path("job").path("prNumber").asInt())
        .isEqualTo(delegated.path("prNumber").asInt());
    assertThat(succeeded.path("job").path("commit").asText()).matches("[0-9a-f]{40}");
    assertThat(succeeded.path("prUrl").asText()).isEqualTo(delegated.path("prUrl").asText());
    assertThat(succeeded.path("timings").path("endedAt").asText()).isNotBlank();
    assertThat(succeeded.path("timings").path("durationMs").asLong()).isPositive();
    assertThat(receiver.acknowledged()).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
  }
}
