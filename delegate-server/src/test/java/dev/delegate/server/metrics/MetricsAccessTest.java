package dev.delegate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.server.delegation.Servers;
import dev.delegate.server.launch.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} on a node that runs the pool alone, with and without a metrics token. */
class MetricsAccessTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  @TempDir Path data;

  private static HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void should_serve_metrics_openly_on_a_pool_node_without_any_token() throws Exception {
    try (Roles roles = Servers.start(data, "pool")) {
      HttpResponse<String> metrics = get(roles.pool().orElseThrow().port(), "/metrics", null);

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("delegate_workers{state=\"ready\"}")
          .contains("delegate_turns_total{outcome=\"timed_out\"} 0")
          .contains("jvm_memory_used_bytes")
          .doesNotContain("delegate_queue_jobs"); // no store on a pool-only node
    }
  }

  @Test
  void should_guard_only_the_metrics_with_a_metrics_token_alone() throws Exception {
    try (Roles roles = Servers.start(data, "pool", "--metrics-token", "scraper")) {
      int port = roles.pool().orElseThrow().port();

      assertThat(get(port, "/metrics", null).statusCode()).isEqualTo(401);
      assertThat(get(port, "/metrics", "scraper").statusCode()).isEqualTo(200);
      assertThat(get(port, "/health", null).statusCode())
          .as("without --token the rest stays open on loopback")
          .isEqualTo(200);
    }
  }
}
