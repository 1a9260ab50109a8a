package dev.delegate.server.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.http.Http;
import dev.delegate.server.launch.Roles;
import dev.delegate.server.node.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A server with every role on free ports, and the calls the pull-request loop's tests make. */
final class LoopServer implements AutoCloseable {
  static final RepoRef REPO = Node.SAMPLE_REPO;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final Roles roles;
  final String base;

  private LoopServer(Roles roles) {
    this.roles = roles;
    this.base = "http://127.0.0.1:" + roles.api().orElseThrow().port();
  }

  static LoopServer start(Path data, String... options) {
    return startRoles(data, "api,processor,pool", options);
  }

  static LoopServer startRoles(Path data, String roles, String... options) {
    return new LoopServer(Servers.start(data, roles, options));
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Http.JSON.readTree(response.body());
  }

  /** Delegates a task whose agent writes notes/NAME.md; waits for its job to succeed. */
  JsonNode delegated(String name) throws Exception {
    HttpResponse<String> response =
        post(
            "/api/delegate/personal",
            "{\"title\":\"Note "
                + name
                + "\",\"objective\":\"scenario:note-"
                + name
                + "-think-0\"}",
            Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode created = Http.JSON.readTree(response.body());
    awaitState(created.get("jobId").asText(), "SUCCEEDED");
    return created;
  }

  void awaitState(String jobId, String state) {
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> json("/api/jobs/" + jobId).path("state").asText().equals(state));
  }

  /** The latest job of pull request {@code number}, once it is another than {@code previous}. */
  JsonNode nextJob(int number, String previous) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> json("/api/jobs?pr=" + number), job -> !job.path("id").asText().equals(previous));
  }

  /** A job as the store keeps it (the JSON leaves out its task details). */
  Job job(String id) {
    return node().jobs().find(id).orElseThrow();
  }

  Node node() {
    return roles.node().orElseThrow();
  }

  @Override
  public void close() {
    roles.close();
  }
}
