package dev.delegate.server.webhook;

import static dev.delegate.server.webhook.Hooks.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.job.JobState;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.launch.Roles;
import dev.delegate.testkit.contract.Race;
import dev.delegate.testkit.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes sharing one real PostgreSQL, both sending webhooks to the same URL: every event is
 * delivered, made into one delivery however many nodes scan it, and each try made by one node.
 */
class SharedPostgresWebhookTest {
  private static final int JOBS = 20;

  @TempDir Path dataA;
  @TempDir Path dataB;
  private Roles nodeA;
  private Roles nodeB;
  private Receiver receiver;

  @AfterEach
  void stop() {
    Stream.of(nodeA, nodeB).filter(r -> r != null).forEach(Roles::close);
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void should_deliver_each_event_once_when_two_nodes_send() throws Exception {
    PostgresServer postgres = PostgresServer.shared();
    Path password = dataA.resolve("database-password");
    Files.writeString(password, postgres.password() + "\n");
    receiver = Receiver.start(0, SECRET, n -> n == 1 ? 500 : 200);
    String[] options = {
      "--database-url",
      postgres.newDatabase(),
      "--database-user",
      PostgresServer.USER,
      "--database-password-file",
      password.toString(),
      "--webhook-url",
      receiver.url(),
      "--webhook-secret",
      SECRET,
      "--webhook-retry-delay",
      "100ms"
    };
    nodeA = Servers.start(dataA, "api", options);
    nodeB = Servers.start(dataB, "api", options);

    List<String> jobIds =
        Race.run(
            JOBS,
            i ->
                Hooks.endJob(
                    (i % 2 == 0 ? nodeA : nodeB).node().orElseThrow().jobs(),
                    "processor-" + i,
                    JobState.CANCELLED));

    await().atMost(Duration.ofSeconds(60)).until(() -> receiver.acknowledged().size() >= JOBS);
    int port = nodeA.api().orElseThrow().port();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Hooks.deliveries(port, "?state=delivered&limit=100").size() == JOBS);
    Function<Receiver.Request, String> jobOf =
        r -> Hooks.json(r.body()).path("job").path("id").asText();
    assertThat(receiver.acknowledged())
        .extracting(jobOf)
        .containsExactlyInAnyOrderElementsOf(jobIds);
    Map<String, Long> requestsPerDelivery =
        receiver.requests.stream()
            .collect(Collectors.groupingBy(Receiver.Request::deliveryId, Collectors.counting()));
    assertThat(requestsPerDelivery).hasSize(JOBS);
    assertThat(requestsPerDelivery.values())
        .as("a 500, then a 200, by one node each")
        .containsOnly(2L);
    JsonNode deliveries = Hooks.deliveries(port, "?limit=100");
    assertThat(deliveries.size()).isEqualTo(JOBS);
    List<String> nodes =
        StreamSupport.stream(deliveries.spliterator(), false)
            .flatMap(d -> StreamSupport.stream(d.path("tries").spliterator(), false))
            .map(t -> t.path("node").asText())
            .distinct()
            .toList();
    assertThat(nodes).isNotEmpty().allMatch(n -> !n.isBlank());
  }
}
