package dev.delegate.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.delegate.core.job.Job;
import dev.delegate.core.node.NodeRecord;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.http.Http;
import dev.delegate.server.http.SseReader;
import dev.delegate.server.launch.Roles;
import dev.delegate.server.node.Node;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay itself, against a stand-in worker node whose stream never ends: what the API node sends
 * it (the shared token, who relays), that events pass through one by one, and that the upstream
 * connection is closed when the browser goes.
 */
class TerminalRelayTest {
  private static final String TOKEN = "relay-test-token-5678";
  private static final String FAKE = "31337@stand-in";

  @TempDir Path data;
  private Roles apiNode;
  private HttpServer stand;
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private final AtomicReference<String> relayedBy = new AtomicReference<>();
  private final CountDownLatch upstreamClosed = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    apiNode = Servers.start(data, "api", "--token", TOKEN);
    stand = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stand.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    stand.createContext("/api/jobs/", this::endlessTerminal);
    stand.start();
  }

  @AfterEach
  void stop() {
    stand.stop(0);
    apiNode.close();
  }

  private void endlessTerminal(HttpExchange exchange) throws IOException {
    authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
    relayedBy.set(exchange.getRequestHeaders().getFirst(Relay.RELAYED_BY));
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      event(out, "start", "{\"jobId\":\"j\",\"workerId\":7,\"node\":\"" + FAKE + "\"}");
      for (int i = 0; ; i++) {
        String line = "stand-in line " + i + "\r\n";
        String base64 = Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8));
        event(out, "output", "\"" + base64 + "\"");
        Thread.sleep(100); // the pace of an agent printing
      }
    } catch (IOException gone) {
      upstreamClosed.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void event(OutputStream out, String name, String data) throws IOException {
    out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Test
  void should_relay_event_by_event_with_the_token_and_close_the_upstream_when_the_client_goes()
      throws Exception {
    Node node = apiNode.node().orElseThrow();
    Instant now = Instant.now();
    node.nodes()
        .heartbeat(
            new NodeRecord(
                FAKE,
                List.of("pool", "processor"),
                "http://127.0.0.1:" + stand.getAddress().getPort(),
                "0.1.0",
                now,
                now,
                0,
                1,
                Optional.empty()));
    String jobId = delegate();
    Job held = node.jobs().claim(FAKE, Duration.ofMinutes(5), Instant.now()).orElseThrow();
    assertThat(held.id()).isEqualTo(jobId);

    URI terminal =
        URI.create(
            "http://127.0.0.1:"
                + apiNode.api().orElseThrow().port()
                + "/api/jobs/"
                + jobId
                + "/terminal");
    SseReader reader = SseReader.open(terminal, TOKEN);
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> reader.data("output").size() >= 3);
      assertThat(reader.data("start").getFirst().path("workerId").asInt()).isEqualTo(7);
      assertThat(reader.data("start").getFirst().path("node").asText()).isEqualTo(FAKE);
      String first = reader.data("output").getFirst().asText();
      assertThat(new String(Base64.getDecoder().decode(first), StandardCharsets.UTF_8))
          .isEqualTo("stand-in line 0\r\n");
      assertThat(authorization.get()).isEqualTo("Bearer " + TOKEN);
      assertThat(relayedBy.get()).isEqualTo(node.id());
    } finally {
      reader.close();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> upstreamClosed.getCount() == 0); // the next relayed write found it gone
  }

  private String delegate() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + apiNode.api().orElseThrow().port()
                                + "/api/delegate/personal"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"title\":\"Held elsewhere\",\"objective\":\"never run here\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Http.JSON.readTree(response.body()).path("jobId").asText();
  }
}
