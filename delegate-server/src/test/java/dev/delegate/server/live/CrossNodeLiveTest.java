package dev.delegate.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.node.NodeRecord;
import dev.delegate.server.cli.WorkersCommand;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.http.Http;
import dev.delegate.server.http.SseReader;
import dev.delegate.server.launch.Roles;
import dev.delegate.testkit.postgres.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An API node and a worker node on one real PostgreSQL, both with one token: the task page's live
 * terminal and the workers page on the API node show what runs on the worker node, relayed from the
 * worker node's own port, which refuses anyone without the token.
 */
public class CrossNodeLiveTest {
  private static final String TOKEN = "cross-node-token-1234";
  public static final String MARKER = "Relay marker: reading the task on the worker node.";
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path data;
  static PostgresServer postgres;
  static String databaseUrl;
  static Roles apiNode;
  static Roles workerNode;
  static String api;
  static String worker;
  static String workerId;

  @BeforeAll
  static void start() throws Exception {
    postgres = PostgresServer.shared();
    databaseUrl = postgres.newDatabase();
    Path password = data.resolve("database-password");
    Files.writeString(password, postgres.password() + "\n");
    Path profiles = relayProfile(data.resolve("agent"));
    String[] common = {
      "--database-url",
      databaseUrl,
      "--database-user",
      PostgresServer.USER,
      "--database-password-file",
      password.toString(),
      "--token",
      TOKEN,
      "--profiles-dir",
      profiles.toString(),
      "--agent",
      "relay-scripted"
    };
    apiNode = Servers.start(data, "api", common);
    workerNode =
        Servers.start(
            data,
            "processor,pool",
            Stream.concat(Stream.of(common), Stream.of("--workers", "3", "--tick", "1h"))
                .toArray(String[]::new));
    api = "http://127.0.0.1:" + apiNode.api().orElseThrow().port();
    worker = "http://127.0.0.1:" + workerNode.processor().orElseThrow().port();
    workerId = workerNode.node().orElseThrow().id();
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

  @Test
  void should_relay_the_live_terminal_of_a_job_on_the_worker_node_then_its_transcript()
      throws Exception {
    String job = delegate("Relay task live");
    try (SseReader live = terminal(api, job)) {
      await().atMost(LIMIT).until(live::ended);
      assertThat(live.status()).isEqualTo(200);
      assertThat(names(live)).startsWith("start").endsWith("end").contains("output");
      assertThat(live.data("start").getFirst().path("node").asText()).isEqualTo(workerId);
      assertThat(output(live)).contains(MARKER);
      JsonNode end = live.data("end").getFirst();
      assertThat(end.path("source").asText()).isEqualTo("live");
      assertThat(end.path("node").asText()).isEqualTo(workerId);
    }
    await().atMost(LIMIT).until(() -> state(job).equals("SUCCEEDED"));
    assertThat(get(api + "/api/jobs/" + job).path("node").asText()).isEqualTo(workerId);

    // The worker's next turn on that worker replaces the turn in its memory: the transcript then.
    for (int i = 0; i < 3; i++) {
      String other = delegate("Relay task filler " + i);
      await().atMost(LIMIT).until(() -> state(other).equals("SUCCEEDED"));
    }
    try (SseReader after = terminal(api, job)) {
      await().atMost(LIMIT).until(after::ended);
      assertThat(output(after)).contains(MARKER);
      JsonNode end = after.data("end").getFirst();
      assertThat(end.path("source").asText()).isIn("transcript", "live");
      assertThat(end.path("node").asText())
          .as("relayed from the node that ran it")
          .isEqualTo(workerId);
      assertThat(end.path("state").asText()).isEqualTo("SUCCEEDED");
    }
  }

  @Test
  void should_follow_several_jobs_terminals_at_once_from_the_api_node() throws Exception {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs.add(delegate("Relay task together " + i));
    }
    List<SseReader> readers = jobs.stream().map(id -> terminal(api, id)).toList();
    try {
      await().atMost(LIMIT).until(() -> readers.stream().allMatch(SseReader::ended));
      for (int i = 0; i < jobs.size(); i++) {
        SseReader reader = readers.get(i);
        assertThat(reader.data("start").getFirst().path("jobId").asText()).isEqualTo(jobs.get(i));
        assertThat(output(reader)).contains(MARKER);
        assertThat(reader.data("end").getFirst().path("jobId").asText()).isEqualTo(jobs.get(i));
      }
    } finally {
      readers.forEach(SseReader::close);
    }
  }

  @Test
  void should_refuse_the_worker_nodes_streams_without_the_token() throws Exception {
    String job = delegate("Relay task token");
    HttpResponse<String> without =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(worker + "/api/jobs/" + job + "/terminal")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(without.statusCode()).isEqualTo(401);
    HttpResponse<String> workers =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(worker + "/api/workers/events")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(workers.statusCode()).isEqualTo(401);
    try (SseReader with =
        SseReader.open(URI.create(worker + "/api/jobs/" + job + "/terminal"), TOKEN)) {
      await().atMost(LIMIT).until(with::ended);
      assertThat(with.status()).isEqualTo(200);
      assertThat(output(with)).contains(MARKER);
    }
  }

  @Test
  void should_list_the_worker_nodes_workers_under_its_id_on_the_api_node() throws Exception {
    JsonNode nodes = get(api + "/api/nodes/workers").path("nodes");
    String apiId = apiNode.node().orElseThrow().id();
    assertThat(nodes)
        .as("the API node has no pool, so it has no group")
        .noneSatisfy(n -> assertThat(n.path("id").asText()).isEqualTo(apiId));
    JsonNode group = group(nodes, workerId);
    assertThat(group.path("id").asText()).isEqualTo(workerId);
    assertThat(group.path("status").asText()).isEqualTo("up");
    assertThat(group.path("roles").toString()).isEqualTo("[\"pool\",\"processor\"]");
    assertThat(group.path("address").asText()).isEqualTo(worker);
    assertThat(group.path("pool").path("workers")).hasSize(3);
    assertThat(group.path("pool").path("agent").asText()).isNotEmpty();

    StringWriter printed = new StringWriter();
    int code =
        new CommandLine(new WorkersCommand())
            .setOut(new PrintWriter(printed))
            .execute("--url", api, "--token", TOKEN);
    assertThat(code).isZero();
    assertThat(printed.toString())
        .contains("node " + workerId + "  up  pool,processor  " + worker)
        .contains("  worker 1  ")
        .contains("  worker 3  ")
        .contains("  queued: ");

    try (SseReader events = SseReader.open(URI.create(api + "/api/nodes/workers/events"), TOKEN)) {
      await()
          .atMost(LIMIT)
          .untilAsserted(
              () ->
                  assertThat(events.data("nodes"))
                      .anySatisfy(
                          body -> {
                            JsonNode first = group(body.path("nodes"), workerId);
                            assertThat(first.path("id").asText()).isEqualTo(workerId);
                            assertThat(first.path("pool").path("workers")).hasSize(3);
                          }));
      // a worker at work shows its job, live
      String job = delegate("Relay task watched");
      await()
          .atMost(LIMIT)
          .untilAsserted(
              () ->
                  assertThat(events.data("nodes"))
                      .anySatisfy(
                          body ->
                              assertThat(
                                      group(body.path("nodes"), workerId)
                                          .path("pool")
                                          .path("workers"))
                                  .anySatisfy(
                                      w -> assertThat(w.path("jobId").asText()).isEqualTo(job))));
    }
  }

  @Test
  void should_end_the_terminal_with_a_message_when_the_node_that_ran_the_job_is_gone()
      throws Exception {
    String job = delegate("Relay task gone");
    await().atMost(LIMIT).until(() -> state(job).equals("SUCCEEDED"));
    String transcript = get(api + "/api/jobs/" + job).path("transcript").asText();
    Files.move(Path.of(transcript), Path.of(transcript + ".elsewhere"));
    Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
    apiNode
        .node()
        .orElseThrow()
        .nodes()
        .heartbeat(
            new NodeRecord(
                "4242@gone-host",
                List.of("pool", "processor"),
                "http://127.0.0.1:9",
                "0.1.0",
                longAgo,
                longAgo,
                1,
                0,
                Optional.empty()));
    try (Connection sql =
            DriverManager.getConnection(databaseUrl, PostgresServer.USER, postgres.password());
        PreparedStatement update =
            sql.prepareStatement("UPDATE jobs SET ran_on = '4242@gone-host' WHERE id = ?")) {
      update.setString(1, job);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }

    try (SseReader reader = terminal(api, job)) {
      await().atMost(Duration.ofSeconds(20)).until(reader::ended);
      assertThat(names(reader)).containsExactly("unavailable", "end");
      assertThat(reader.data("unavailable").getFirst().path("message").asText())
          .contains("4242@gone-host")
          .contains("gone");
      assertThat(reader.data("end").getFirst().path("source").asText()).isEqualTo("none");
    }

    // held by that node (as if it died mid-turn, before its lease ran out): no hang either
    try (Connection sql =
            DriverManager.getConnection(databaseUrl, PostgresServer.USER, postgres.password());
        PreparedStatement update =
            sql.prepareStatement("UPDATE jobs SET lease_owner = '4242@gone-host' WHERE id = ?")) {
      update.setString(1, job);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    try (SseReader reader = terminal(api, job)) {
      await().atMost(Duration.ofSeconds(20)).until(reader::ended);
      assertThat(names(reader)).containsExactly("unavailable", "end");
      assertThat(reader.data("unavailable").getFirst().path("message").asText())
          .contains("4242@gone-host, which holds this job, is gone");
    }
  }

  /** The group of node {@code id} (other tests add nodes that went silent). */
  private static JsonNode group(JsonNode nodes, String id) {
    for (JsonNode node : nodes) {
      if (node.path("id").asText().equals(id)) {
        return node;
      }
    }
    throw new AssertionError("no group for node " + id + " in " + nodes);
  }

  private static SseReader terminal(String base, String job) {
    return SseReader.open(URI.create(base + "/api/jobs/" + job + "/terminal"), TOKEN);
  }

  private static List<String> names(SseReader reader) {
    return reader.events().stream().map(SseReader.Event::name).distinct().toList();
  }

  private static String output(SseReader reader) {
    StringBuilder text = new StringBuilder();
    for (JsonNode piece : reader.data("output")) {
      text.append(new String(Base64.getDecoder().decode(piece.asText()), StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  private static String delegate(String title) throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(api + "/api/delegate/personal"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"" + title + "\",\"objective\":\"relay the terminal\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Http.JSON.readTree(response.body()).path("jobId").asText();
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.JSON.readTree(response.body());
  }

  private static String state(String job) throws Exception {
    return get(api + "/api/jobs/" + job).path("state").asText();
  }

  /** A profile "relay-scripted" whose scenario prints a marker, thinks, then writes a file. */
  public static Path relayProfile(Path dir) throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("relay.scenario"),
        """
        match relay the terminal
        say %s
        read TASK.md
        think 2
        write NOTES.md <<EOF
        Relayed.
        EOF
        reply Wrote NOTES.md.
        """
            .formatted(MARKER));
    Path profiles = Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(
        profiles.resolve("relay-scripted.yaml"),
        """
        name: relay-scripted
        extends: scripted
        args: [-XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -Xmx24m, -Xss256k, -cp,
               '${scripted.classpath}', dev.delegate.scripted.ScriptedAgent, --ui, legacy,
               --scenarios, '%s']
        """
            .formatted(scenarios));
    return profiles;
  }
}
