package dev.delegate.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.launch.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /live} and {@code /ready} on every port, without the token: ready only when the store, a
 * session and the forge answer.
 */
class ReadinessTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "readiness-test-token";

  @TempDir Path data;

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<Integer> ports(Roles roles) {
    return List.of(
        roles.api().orElseThrow().port(),
        roles.processor().orElseThrow().port(),
        roles.pool().orElseThrow().port());
  }

  @Test
  void should_be_live_and_ready_on_every_port_without_the_token_once_a_session_is_ready()
      throws Exception {
    try (Roles roles =
        Servers.start(data, "api,processor,pool", "--workers", "2", "--token", TOKEN)) {
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> get(ports(roles).get(2), "/ready").statusCode() == 200);
      for (int port : ports(roles)) {
        assertThat(get(port, "/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get(port, "/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode body = Http.JSON.readTree(ready.body());
        assertThat(body.path("status").asText()).isEqualTo("ready");
        assertThat(body.path("checks").path("pool").path("ok").asBoolean()).isTrue();
        assertThat(body.path("checks").path("pool").path("workers").asInt()).isEqualTo(2);
        assertThat(ready.body()).doesNotContain(TOKEN);
        String guarded = port == ports(roles).getFirst() ? "/api/tasks" : "/health";
        assertThat(get(port, guarded).statusCode()).as("the rest keeps its token").isEqualTo(401);
      }
      JsonNode api = Http.JSON.readTree(get(ports(roles).getFirst(), "/ready").body());
      assertThat(api.path("checks").fieldNames())
          .toIterable()
          .containsExactly("store", "pool", "forge");
      assertThat(api.path("checks").path("forge").path("repository").asText())
          .isEqualTo("local/sample-app");
    }
  }

  @Test
  void should_not_be_ready_while_the_forge_does_not_answer_for_the_default_repository()
      throws Exception {
    try (Roles roles =
        Servers.start(data, "api,processor,pool", "--default-repo", "nobody/missing")) {
      for (int port : ports(roles).subList(0, 2)) {
        HttpResponse<String> ready = get(port, "/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        JsonNode body = Http.JSON.readTree(ready.body());
        assertThat(body.path("status").asText()).isEqualTo("not ready");
        assertThat(body.path("checks").path("store").path("ok").asBoolean()).isTrue();
        assertThat(body.path("checks").path("forge").path("ok").asBoolean()).isFalse();
        assertThat(body.path("checks").path("forge").path("error").asText()).contains("missing");
      }
      await()
          .atMost(Duration.ofMinutes(1))
          .alias("the pool's port checks its sessions only")
          .until(() -> get(ports(roles).get(2), "/ready").statusCode() == 200);
      assertThat(get(ports(roles).getFirst(), "/live").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void should_show_a_job_held_in_one_state_past_its_limit_on_the_workers_api() throws Exception {
    try (Roles roles = Servers.start(data, "api,processor,pool")) {
      var node = roles.node().orElseThrow();
      java.time.Instant longAgo = java.time.Instant.now().minus(Duration.ofMinutes(10));
      node.jobs()
          .enqueue(
              new dev.delegate.core.job.NewJob(
                  "ghost-job",
                  new dev.delegate.core.forge.RepoRef("local", "sample-app"),
                  99,
                  "feature/ghost",
                  "nothing"),
              longAgo);
      assertThat(node.jobs().claim("a-node-that-hangs", Duration.ofHours(1), longAgo)).isPresent();

      assertThat(node.stuck().check())
          .singleElement()
          .satisfies(s -> assertThat(s.jobId()).isEqualTo("ghost-job"));

      JsonNode workers =
          Http.JSON.readTree(get(roles.api().orElseThrow().port(), "/api/nodes/workers").body());
      JsonNode stuck = workers.path("stuck");
      assertThat(stuck).hasSize(1);
      assertThat(stuck.get(0).path("jobId").asText()).isEqualTo("ghost-job");
      assertThat(stuck.get(0).path("state").asText()).isEqualTo("PREPARING");
      assertThat(stuck.get(0).path("limitSeconds").asLong()).isEqualTo(300);
      assertThat(node.stuck().found()).isEqualTo(1);
    }
  }
}
