package dev.delegate.server.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.http.Http;
import dev.delegate.server.launch.ServeCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The seed's pool endpoints answer in the same shape when the workers speak ACP. */
class AcpPoolApiTest {
  @TempDir static Path data;
  private static PoolRole role;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs(
            "--data-dir",
            data.toString(),
            "--workers",
            "1",
            "--pool-port",
            "0",
            "--agent",
            "scripted-acp");
    ServerConfig config = command.toConfig();
    role = PoolRole.start(config).serve(config);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> role.pool().snapshot().workers().get(0).state().equals("READY"));
  }

  @AfterAll
  static void stop() {
    role.close();
  }

  private static JsonNode call(String method, String path, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + role.port() + path));
    request =
        json == null
            ? request.GET()
            : request
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return Http.JSON.readTree(response.body());
  }

  @Test
  void should_name_the_driver_in_health_and_answer_execute_in_the_seed_shape_with_usage()
      throws Exception {
    assertThat(call("GET", "/health", null).get("workers").get(0).get("driver").asText())
        .isEqualTo("acp");

    JsonNode body =
        call("POST", "/execute", "{\"prompt\":\"Please take a note\",\"timeoutMs\":60000}");

    assertThat(body.get("success").asBoolean()).isTrue();
    assertThat(body.get("timeout").asBoolean()).isFalse();
    assertThat(body.get("output").asText()).contains("NOTES.md");
    assertThat(body.get("outcome").asText()).isEqualTo("COMPLETED");
    assertThat(body.get("approvals").get(0).get("kind").asText()).isEqualTo("write");
    assertThat(body.get("usage").get("costUsd").decimalValue()).isPositive();
    assertThat(body.get("usage").get("credits").decimalValue()).isPositive();
    assertThat(body.get("usage").get("outputTokens").asLong()).isPositive();
  }
}
