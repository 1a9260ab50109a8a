package dev.delegate.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.http.Http;
import dev.delegate.server.http.SseReader;
import dev.delegate.testkit.contract.Race;
import dev.delegate.testkit.net.TestNetwork;
import dev.delegate.testkit.postgres.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delegate as it runs on several machines: PostgreSQL, one API node and two worker nodes, each a
 * process on a test host of its own ({@link TestNetwork}) with its own data directory, so the only
 * ways between them are the database and HTTP. Three hundred tasks go through the API node while
 * one worker node is killed and started again and PostgreSQL itself restarts.
 */
class MultiHostTest {
  private static final int TASKS = 300;
  private static final String TOKEN = "multi-host-" + Long.toHexString(System.nanoTime());
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private TestNetwork network;
  private PostgresServer postgres;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private String apiBase;

  @AfterEach
  void tearDown() {
    nodes.reversed().forEach(NodeProcess::close);
    if (postgres != null) {
      postgres.close();
    }
    if (network != null) {
      network.close();
    }
  }

  @Test
  void should_finish_every_task_once_across_hosts_through_a_worker_kill_and_a_database_restart()
      throws Exception {
    Assumptions.assumeTrue(TestNetwork.available(), "needs root and iproute2 for test hosts");
    network = TestNetwork.create(List.of("db", "api", "w1", "w2"));
    postgres = PostgresServer.start(network.host("db"), true);
    String database = postgres.newDatabase();
    NodeProcess api = node("api", List.of("--roles", "api", "--api-port", "8080"), database);
    apiBase = "http://" + api.address() + ":8080";
    List<String> worker =
        List.of(
            "--roles", "processor,pool",
            "--workers", "3",
            "--lease", "5s",
            "--forge-url", apiBase);
    NodeProcess w1 = node("w1", worker, database);
    NodeProcess w2 = node("w2", worker, database);
    for (NodeProcess node : nodes) {
      node.start();
    }
    try {
      run(api, w1, w2);
    } catch (AssertionError | RuntimeException e) {
      StringBuilder logs = new StringBuilder(e.getMessage() == null ? "" : e.getMessage());
      nodes.forEach(n -> logs.append("\n\n").append(n.tail(60)));
      throw new AssertionError(logs.toString(), e);
    }
  }

  private void run(NodeProcess api, NodeProcess w1, NodeProcess w2) throws Exception {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> upNodes().size() == 3);
    String firstW1 = nodeAt(w1.address());
    Set<String> workerIds = Set.of(firstW1, nodeAt(w2.address()));

    // the task page's terminal on the API node, live from whichever worker node runs the job
    String watched = delegate("Watched across hosts", "scenario:note-watched-think-3");
    try (SseReader terminal =
        SseReader.open(URI.create(apiBase + "/api/jobs/" + watched + "/terminal"), TOKEN)) {
      await().atMost(Duration.ofMinutes(2)).until(terminal::ended);
      assertThat(terminal.events().stream().map(SseReader.Event::name))
          .startsWith("start")
          .contains("output")
          .endsWith("end");
      assertThat(terminal.data("start").getFirst().path("node").asText()).isIn(workerIds);
      assertThat(terminal.data("end").getFirst().path("source").asText()).isEqualTo("live");
      StringBuilder output = new StringBuilder();
      terminal
          .data("output")
          .forEach(
              piece ->
                  output.append(
                      new String(
                          Base64.getDecoder().decode(piece.asText()), StandardCharsets.UTF_8)));
      assertThat(output.toString()).contains("notes/watched.md");
    }

    List<String> jobs =
        Race.run(TASKS, i -> delegate("Across hosts " + i, "scenario:note-t" + i + "-think-0"));
    assertThat(Set.copyOf(jobs)).hasSize(TASKS);

    awaitSucceeded(60);
    w1.kill(); // its jobs stay held until their leases run out
    awaitSucceeded(100);
    w1.start();
    awaitSucceeded(150);
    postgres.kill();
    Thread.sleep(1_000);
    postgres.restart();

    await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> states().values().stream().noneMatch(MultiHostTest::active));

    Map<String, JsonNode> ended = new HashMap<>();
    for (String id : jobs) {
      ended.put(id, get("/api/jobs/" + id));
    }
    assertThat(
            ended.values().stream()
                .filter(job -> !job.path("state").asText().equals("SUCCEEDED"))
                .map(MultiHostTest::story))
        .as("jobs that did not succeed")
        .isEmpty();
    // exactly one agent commit per job in the API node's repository, however often it ran
    Map<String, Long> commits = agentCommits(api);
    List<String> everyJob = new ArrayList<>(jobs);
    everyJob.add(watched);
    assertThat(commits.keySet()).containsExactlyInAnyOrderElementsOf(everyJob);
    assertThat(commits.values()).allMatch(n -> n == 1L);

    // the killed node's jobs finished elsewhere; started again, it took work
    List<JsonNode> takenOver =
        ended.values().stream().filter(job -> claimedBy(job, firstW1)).toList();
    assertThat(takenOver).isNotEmpty();
    String againW1 = nodeAt(w1.address());
    assertThat(againW1).isNotEqualTo(firstW1);
    assertThat(ended.values()).anyMatch(job -> claimedBy(job, againW1));
    assertThat(upNodes()).hasSize(3);
    // the workers kept no repository of their own
    assertThat(dir.resolve("w1").resolve("forge")).doesNotExist();
    assertThat(dir.resolve("w2").resolve("forge")).doesNotExist();
  }

  private NodeProcess node(String name, List<String> options, String databaseUrl) throws Exception {
    Path data = dir.resolve(name);
    Files.createDirectories(data);
    Path password = data.resolve("database-password");
    Files.writeString(password, postgres.password() + "\n");
    List<String> all = new ArrayList<>(options);
    all.addAll(
        List.of(
            "--database-url",
            databaseUrl,
            "--database-user",
            PostgresServer.USER,
            "--database-password-file",
            password.toString()));
    NodeProcess node =
        new NodeProcess(name, network.host(name), data, all, Map.of("DELEGATE_TOKEN", TOKEN));
    nodes.add(node);
    return node;
  }

  private String delegate(String title, String objective) {
    try {
      String body = Http.JSON.writeValueAsString(Map.of("title", title, "objective", objective));
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(URI.create(apiBase + "/api/delegate/personal"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return Http.JSON.readTree(response.body()).path("jobId").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitSucceeded(int count) {
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(() -> states().values().stream().filter("SUCCEEDED"::equals).count() >= count);
  }

  private Map<String, String> states() throws Exception {
    Map<String, String> states = new HashMap<>();
    get("/api/jobs?limit=500")
        .path("jobs")
        .forEach(job -> states.put(job.path("id").asText(), job.path("state").asText()));
    return states;
  }

  private List<JsonNode> upNodes() throws Exception {
    List<JsonNode> up = new ArrayList<>();
    get("/api/nodes")
        .path("nodes")
        .forEach(
            n -> {
              if (n.path("status").asText().equals("up")) {
                up.add(n);
              }
            });
    return up;
  }

  /** The id of the node that is up at {@code address}. */
  private String nodeAt(String address) throws Exception {
    return upNodes().stream()
        .filter(n -> n.path("address").asText().contains("//" + address + ":"))
        .map(n -> n.path("id").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node up at " + address));
  }

  /** A job in a line: id, state, failure, then its events' messages. */
  private static String story(JsonNode job) {
    StringBuilder line =
        new StringBuilder(job.path("id").asText())
            .append(' ')
            .append(job.path("state").asText())
            .append(": ")
            .append(job.path("failure").asText());
    job.path("events").forEach(e -> line.append(" | ").append(e.path("message").asText()));
    return line.toString();
  }

  private static boolean claimedBy(JsonNode job, String node) {
    for (JsonNode event : job.path("events")) {
      if (event.path("message").asText().startsWith("claimed by " + node + " ")) {
        return true;
      }
    }
    return false;
  }

  private static boolean active(String state) {
    return List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING").contains(state);
  }

  /** Agent commits per job, by their {@code Delegate-Job} trailer, on every branch. */
  private static Map<String, Long> agentCommits(NodeProcess api) throws Exception {
    Path repo = Path.of(api.log().getParent().toString(), "forge", "local", "sample-app.git");
    Process git =
        new ProcessBuilder(
                "git",
                "--git-dir",
                repo.toString(),
                "log",
                "--all",
                "--format=%(trailers:key=Delegate-Job,valueonly)")
            .redirectErrorStream(true)
            .start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(git.waitFor()).as(out).isZero();
    return out.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(apiBase + path)).GET());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Http.JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(
        request.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
