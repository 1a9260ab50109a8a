package dev.delegate.server.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.Main;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.http.Http;
import dev.delegate.server.launch.ServeCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PoolApiTest {
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
            "--queue-size",
            "1",
            "--pool-port",
            "0",
            "--max-timeout",
            "10m");
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

  @Test
  void should_answer_health_in_the_seed_shape() throws Exception {
    HttpResponse<String> response = get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Http.JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("running");
    assertThat(body.get("queued").isInt()).isTrue();
    assertThat(body.get("uptime").isNumber()).isTrue();
    JsonNode worker = body.get("workers").get(0);
    assertThat(worker.get("id").asInt()).isEqualTo(1);
    for (String field : new String[] {"busy", "ready", "currentTask", "idle", "restarts"}) {
      assertThat(worker.has(field)).as(field).isTrue();
    }
    assertThat(worker.get("busy").isBoolean()).isTrue();
    assertThat(worker.get("idle").isIntegralNumber()).isTrue();
    assertThat(worker.get("driver").asText()).isEqualTo("pty");
  }

  @Test
  void should_execute_a_prompt_and_answer_in_the_seed_shape() throws Exception {
    HttpResponse<String> response =
        post("/execute", "{\"prompt\":\"zero-think from http\",\"timeoutMs\":60000}");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Http.JSON.readTree(response.body());
    assertThat(body.get("success").asBoolean()).isTrue();
    assertThat(body.get("timeout").asBoolean()).isFalse();
    assertThat(body.get("output").asText()).contains("zero-think from http");
    assertThat(body.get("workerId").asInt()).isEqualTo(1);
    assertThat(body.get("approvals").isArray()).isTrue();
  }

  @Test
  void should_answer_a_timeout_like_the_seed() throws Exception {
    HttpResponse<String> response =
        post("/execute", "{\"prompt\":\"scenario:think-30\",\"timeoutMs\":1000}");
    JsonNode body = Http.JSON.readTree(response.body());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.get("success").asBoolean()).isTrue();
    assertThat(body.get("timeout").asBoolean()).isTrue();
  }

  @Test
  void should_refuse_bad_input_with_400_and_a_message() throws Exception {
    assertBadRequest(post("/execute", "{not json"), "bad_json", "not valid JSON");
    assertBadRequest(post("/execute", "[1,2]"), "bad_json", "JSON object");
    assertBadRequest(post("/execute", ""), "bad_json", "empty");
    assertBadRequest(post("/execute", "{\"timeoutMs\":1000}"), "missing_prompt", "'prompt'");
    assertBadRequest(post("/execute", "{\"prompt\":\"   \"}"), "missing_prompt", "'prompt'");
    assertBadRequest(post("/execute", "{\"prompt\":42}"), "invalid_prompt", "string");
    assertBadRequest(
        post("/execute", "{\"prompt\":\"x\",\"timeoutMs\":0}"),
        "invalid_timeoutMs",
        "from 1 to 600000");
    assertBadRequest(
        post("/execute", "{\"prompt\":\"x\",\"timeoutMs\":-5}"),
        "invalid_timeoutMs",
        "whole number");
    assertBadRequest(
        post("/execute", "{\"prompt\":\"x\",\"timeoutMs\":\"soon\"}"),
        "invalid_timeoutMs",
        "whole number");
    assertBadRequest(
        post("/execute", "{\"prompt\":\"x\",\"timeoutMs\":1.5}"),
        "invalid_timeoutMs",
        "whole number");
    assertBadRequest(
        post("/execute", "{\"prompt\":\"x\",\"timeoutMs\":600001}"), "invalid_timeoutMs", "600000");
    assertBadRequest(
        post("/execute", "{\"prompt\":\"x\",\"jobId\":\"../etc\"}"), "invalid_jobId", "letters");
    assertThat(role.pool().snapshot().workers().get(0).turns()).isNotNegative();
  }

  @Test
  void should_answer_503_with_a_json_error_when_busy_and_the_queue_is_full() throws Exception {
    CompletableFuture<HttpResponse<String>> busy =
        postAsync("/execute", "{\"prompt\":\"scenario:think-3\"}");
    await().until(() -> role.pool().snapshot().workers().get(0).busy());
    CompletableFuture<HttpResponse<String>> queued =
        postAsync("/execute", "{\"prompt\":\"zero-think queued\"}");
    await().until(() -> role.pool().snapshot().queued() == 1);

    HttpResponse<String> refused = post("/execute", "{\"prompt\":\"zero-think refused\"}");
    assertThat(refused.statusCode()).isEqualTo(503);
    JsonNode error = Http.JSON.readTree(refused.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("pool_full");
    assertThat(error.get("message").asText()).contains("queue is full");
    assertThat(Http.JSON.readTree(get("/health").body()).get("queued").asInt()).isEqualTo(1);

    assertThat(busy.get().statusCode()).isEqualTo(200);
    assertThat(queued.get().statusCode()).isEqualTo(200);
  }

  @Test
  void should_answer_an_unknown_path_with_the_error_shape() throws Exception {
    HttpResponse<String> response = get("/nope");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.JSON.readTree(response.body()).get("error").get("code").asText())
        .isEqualTo("not_found");
  }

  @Test
  void should_exit_with_a_message_on_bad_configuration() {
    assertThat(Main.run(new String[] {"serve", "--workers", "0", "--data-dir", data.toString()}))
        .isEqualTo(Main.EXIT_CONFIG);
  }

  private static void assertBadRequest(HttpResponse<String> response, String code, String text)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = Http.JSON.readTree(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).contains(text);
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + role.port() + path);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return postAsync(path, json).get();
  }

  private static CompletableFuture<HttpResponse<String>> postAsync(String path, String json) {
    return CLIENT.sendAsync(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
