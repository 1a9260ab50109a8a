package dev.delegate.server.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.node.NodeRecord;
import dev.delegate.core.node.NodeStore;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.http.Http;
import dev.delegate.server.http.SseReader;
import dev.delegate.server.launch.Roles;
import dev.delegate.server.node.Node;
import dev.delegate.testkit.contract.Race;
import dev.delegate.testkit.postgres.PostgresServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API node and a worker node apart, sharing one real PostgreSQL and nothing else: the worker has
 * a data directory of its own and reaches the local forge only over HTTP, on the API node ({@code
 * --forge-url}), both with a token. The worker's tick is an hour, so it claims a job only because
 * the database told it one was queued ({@code LISTEN/NOTIFY}); the API node's pages see the
 * worker's changes the same way.
 */
class SharedPostgresNodesTest {
  private static final int TASKS = 12;
  private static final String TOKEN = "shared-nodes-token-7c1e";

  @TempDir static Path data;
  @TempDir static Path workerData;
  static Roles apiNode;
  static Roles workerNode;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    PostgresServer postgres = PostgresServer.shared();
    Path password = data.resolve("database-password");
    Files.writeString(password, postgres.password() + "\n");
    String[] database = {
      "--database-url", postgres.newDatabase(),
      "--database-user", PostgresServer.USER,
      "--database-password-file", password.toString()
    };
    apiNode =
        Servers.start(
            data,
            "api",
            Stream.concat(Stream.of(database), Stream.of("--token", TOKEN)).toArray(String[]::new));
    int apiPort = apiNode.api().orElseThrow().port();
    workerNode =
        Servers.start(
            workerData,
            "processor,pool",
            Stream.concat(
                    Stream.of(database),
                    Stream.of(
                        "--workers",
                        "4",
                        "--tick",
                        "1h",
                        "--token",
                        TOKEN,
                        "--forge-url",
                        "http://127.0.0.1:" + apiPort))
                .toArray(String[]::new));
    api = new Api(apiPort, TOKEN);
  }

  @AfterAll
  static void stop() {
    if (workerNode != null) {
      workerNode.close();
    }
    if (apiNode != null) {
      apiNode.close();
    }
  }

  private static String delegate(int i) throws Exception {
    HttpResponse<String> response =
        api.post(
            "/api/delegate/personal",
            "{\"title\":\"Shared store task " + i + "\",\"objective\":\"Write notes " + i + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Http.JSON.readTree(response.body()).path("jobId").asText();
  }

  @Test
  void should_run_on_the_worker_node_what_the_api_node_queued_and_show_it_live_there()
      throws Exception {
    try (SseReader everything =
        SseReader.open(URI.create("http://127.0.0.1:" + api.port() + "/api/events"), TOKEN)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> !everything.data("hello").isEmpty());
      String first = delegate(0);
      URI stream =
          URI.create(
              "http://127.0.0.1:" + api.port() + "/api/jobs/" + first + "/events?until=final");
      try (SseReader reader = SseReader.open(stream, TOKEN)) {
        await().atMost(Duration.ofSeconds(90)).until(reader::ended);
        List<String> states =
            reader.data("job").stream().map(j -> j.path("state").asText()).toList();
        assertThat(states).contains("RUNNING").endsWith("SUCCEEDED");
      }
      // the web UI's stream of all jobs on the API node hears the worker node's changes
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          everything.data("job").stream()
                              .filter(j -> j.path("jobId").asText().equals(first))
                              .map(j -> j.path("state").asText()))
                      .contains("QUEUED", "PREPARING", "RUNNING", "COMMITTING", "SUCCEEDED"));
    }
  }

  @Test
  void should_run_many_tasks_delegated_at_once_each_once() throws Exception {
    List<String> jobs = new ArrayList<>(Race.run(TASKS, i -> call(() -> delegate(i + 1))));

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> jobs.stream().allMatch(id -> call(() -> !isActive(api.state(id)))));
    List<JsonNode> ended = new ArrayList<>();
    for (String id : jobs) {
      ended.add(api.json("/api/jobs/" + id));
    }
    assertThat(ended)
        .allSatisfy(
            job -> {
              assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
              assertThat(job.path("attempts").asInt()).isEqualTo(1);
            });
    assertThat(ended.stream().map(j -> j.path("commit").asText()).distinct()).hasSize(TASKS);
    // the agents' commits are in the API node's bare repository, one per job; the worker has none
    LocalForge forge = (LocalForge) apiNode.node().orElseThrow().forge();
    Path bare = forge.repositoryPath(Node.SAMPLE_REPO);
    Git git = new Git();
    for (JsonNode job : ended) {
      String trailers =
          git.run(
              bare,
              "log",
              "--format=%(trailers:key=Delegate-Job,valueonly)",
              "refs/heads/main..refs/heads/" + job.path("branch").asText());
      assertThat(trailers.lines().filter(line -> !line.isBlank()))
          .as(job.path("branch").asText())
          .containsExactly(job.path("id").asText());
      assertThat(
              git.tryExec(
                      GitCommand.in(
                          bare,
                          "merge-base",
                          "--is-ancestor",
                          job.path("commit").asText(),
                          "refs/heads/" + job.path("branch").asText()))
                  .ok())
          .isTrue();
    }
    assertThat(workerData.resolve("forge")).doesNotExist();
  }

  @Test
  void should_list_the_nodes_sharing_the_store_and_a_silent_one_as_gone() throws Exception {
    NodeStore registry = apiNode.node().orElseThrow().nodes();
    Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
    registry.heartbeat(
        new NodeRecord(
            "9999@elsewhere",
            List.of("pool", "processor"),
            "http://10.9.9.9:8082",
            "0.1.0",
            longAgo,
            longAgo,
            2,
            0,
            Optional.empty()));

    // a heartbeat every few seconds: the worker's first may have found its sessions still starting
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Map<String, JsonNode> byId = new HashMap<>();
              api.json("/api/nodes").path("nodes").forEach(n -> byId.put(n.path("id").asText(), n));
              JsonNode apiRow = byId.get(apiNode.node().orElseThrow().id());
              JsonNode workerRow = byId.get(workerNode.node().orElseThrow().id());
              assertThat(apiRow.path("status").asText()).isEqualTo("up");
              assertThat(apiRow.path("roles").toString()).isEqualTo("[\"api\"]");
              assertThat(apiRow.path("address").asText()).endsWith(":" + api.port());
              assertThat(workerRow.path("status").asText()).isEqualTo("up");
              assertThat(workerRow.path("roles").toString()).isEqualTo("[\"pool\",\"processor\"]");
              assertThat(
                      workerRow.path("workers").path("ready").asInt()
                          + workerRow.path("workers").path("busy").asInt())
                  .isEqualTo(4);
              assertThat(byId.get("9999@elsewhere").path("status").asText()).isEqualTo("gone");
            });
  }

  private static boolean isActive(String state) {
    return List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING").contains(state);
  }

  private interface Call<T> {
    T get() throws Exception;
  }

  private static <T> T call(Call<T> call) {
    try {
      return call.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
