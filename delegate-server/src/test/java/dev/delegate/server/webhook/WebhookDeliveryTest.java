package dev.delegate.server.webhook;

import static dev.delegate.server.webhook.Hooks.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.launch.Roles;
import dev.delegate.testkit.contract.Race;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks out over real HTTP, from an API node whose jobs a test moves through the store as a
 * processor would: a receiver on a loopback port that is down, fails, or answers, and checks every
 * signature with the secret.
 */
class WebhookDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String OWNER = "test-processor";

  @TempDir Path data;
  private Roles roles;
  private Receiver receiver;

  @AfterEach
  void stop() {
    if (roles != null) {
      roles.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private Roles start(String url, String... extra) {
    List<String> options =
        new java.util.ArrayList<>(
            List.of(
                "--webhook-url",
                url,
                "--webhook-secret",
                SECRET,
                "--webhook-retry-delay",
                "100ms",
                "--webhook-timeout",
                "2s"));
    options.addAll(List.of(extra));
    return Servers.start(data, "api", options.toArray(String[]::new));
  }

  private ObservableJobStore jobs() {
    return roles.node().orElseThrow().jobs();
  }

  private int port() {
    return roles.api().orElseThrow().port();
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  @Test
  void should_deliver_every_event_once_the_receiver_comes_up_each_signed_with_the_secret()
      throws Exception {
    int port = Receiver.freePort();
    String url = "http://127.0.0.1:" + port + "/hooks/delegate";
    roles = start(url);
    Map<String, JobState> ended = new java.util.LinkedHashMap<>();
    for (JobState end :
        List.of(
            JobState.SUCCEEDED,
            JobState.FAILED,
            JobState.TIMED_OUT,
            JobState.CANCELLED,
            JobState.NEEDS_INPUT)) {
      ended.put(Hooks.endJob(jobs(), OWNER, end), end);
    }

    // the receiver is down: every delivery is stored and its tries fail
    await()
        .atMost(WAIT)
        .until(
            () ->
                list(Hooks.deliveries(port(), "")).stream()
                        .filter(d -> d.path("tries").size() >= 2)
                        .count()
                    == 5);
    JsonNode failedTry = Hooks.deliveries(port(), "").get(0).path("tries").get(0);
    assertThat(failedTry.path("status").isNull()).isTrue();
    assertThat(failedTry.path("error").asText()).isNotBlank();

    receiver = Receiver.start(port, SECRET, n -> 200);
    await().atMost(WAIT).until(() -> receiver.acknowledged().size() >= 5);

    List<Receiver.Request> acknowledged = receiver.acknowledged();
    assertThat(acknowledged).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
    assertThat(acknowledged)
        .extracting(Receiver.Request::userAgent)
        .allMatch(a -> a.startsWith("Delegate-Webhook/"));
    assertThat(acknowledged)
        .extracting(Receiver.Request::contentType)
        .containsOnly("application/json");
    assertThat(acknowledged.stream().map(Receiver.Request::deliveryId).distinct()).hasSize(5);
    Map<String, String> eventByJob =
        acknowledged.stream()
            .collect(
                Collectors.toMap(
                    r -> Hooks.json(r.body()).path("job").path("id").asText(),
                    Receiver.Request::event));
    assertThat(eventByJob)
        .isEqualTo(
            ended.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey,
                        e -> "job." + e.getValue().name().toLowerCase(java.util.Locale.ROOT))));
    for (Receiver.Request request : acknowledged) {
      JsonNode body = Hooks.json(request.body());
      assertThat(body.path("event").asText()).isEqualTo(request.event());
      assertThat(body.path("job").path("state").asText())
          .isEqualTo(ended.get(body.path("job").path("id").asText()).name());
      assertThat(body.path("job").path("repo").asText()).isEqualTo("local/sample-app");
      assertThat(body.path("job").path("attempts").asInt()).isEqualTo(1);
      assertThat(body.path("timings").path("createdAt").asText()).isNotBlank();
      assertThat(body.path("timings").path("durationMs").asLong()).isNotNegative();
      assertThat(body.has("usage")).isTrue();
    }
    JsonNode failed = body(acknowledged, "job.failed");
    assertThat(failed.path("failure").asText()).isEqualTo("tests failed");
    assertThat(failed.path("job").path("branch").asText()).startsWith("feature/hook-");
    JsonNode asks = body(acknowledged, "job.needs_input");
    assertThat(asks.path("question").asText()).isEqualTo("Which colour?");
    assertThat(asks.path("timings").path("endedAt").isNull()).isTrue();
    JsonNode succeeded = body(acknowledged, "job.succeeded");
    assertThat(succeeded.path("job").path("commit").asText()).isEqualTo("0123abcd");
    assertThat(succeeded.path("failure").isNull()).isTrue();

    await().atMost(WAIT).until(() -> Hooks.deliveries(port(), "?state=delivered").size() == 5);
    for (JsonNode delivery : list(Hooks.deliveries(port(), ""))) {
      List<JsonNode> tries = list(delivery.path("tries"));
      assertThat(tries.getLast().path("status").asInt()).isEqualTo(200);
      assertThat(tries.subList(0, tries.size() - 1))
          .allSatisfy(t -> assertThat(t.path("error").asText()).isNotBlank());
      assertThat(delivery.path("url").asText()).isEqualTo(url);
    }
    assertThat(Hooks.get(port(), "/api/webhooks/deliveries").body()).doesNotContain(SECRET);
  }

  private static JsonNode body(List<Receiver.Request> requests, String event) {
    return Hooks.json(
        requests.stream().filter(r -> r.event().equals(event)).findFirst().orElseThrow().body());
  }

  @Test
  void should_try_again_after_a_500_with_the_same_id_and_body() throws Exception {
    receiver = Receiver.start(0, SECRET, n -> n == 1 ? 500 : 204);
    roles = start(receiver.url());

    String jobId = Hooks.endJob(jobs(), OWNER, JobState.FAILED);

    await().atMost(WAIT).until(() -> receiver.acknowledged().size() == 1);
    assertThat(receiver.requests).hasSize(2);
    Receiver.Request first = receiver.requests.get(0);
    Receiver.Request second = receiver.requests.get(1);
    assertThat(first.answered()).isEqualTo(500);
    assertThat(second.deliveryId()).isEqualTo(first.deliveryId());
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.signature()).isEqualTo(first.signature());
    assertThat(Hooks.json(second.body()).path("job").path("id").asText()).isEqualTo(jobId);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode delivery = Hooks.deliveries(port(), "").get(0);
              assertThat(delivery.path("state").asText()).isEqualTo("delivered");
              assertThat(delivery.path("id").asText()).isEqualTo(first.deliveryId());
              assertThat(delivery.path("event").asText()).isEqualTo("job.failed");
              assertThat(delivery.path("jobId").asText()).isEqualTo(jobId);
              assertThat(list(delivery.path("tries")))
                  .extracting(t -> t.path("status").asInt())
                  .containsExactly(500, 204);
            });
  }

  @Test
  void should_give_up_after_the_retry_window_and_send_again_when_asked() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(false);
    receiver = Receiver.start(0, SECRET, n -> healthy.get() ? 200 : 503);
    roles = start(receiver.url(), "--webhook-retry-for", "1s");

    Hooks.endJob(jobs(), OWNER, JobState.TIMED_OUT);

    await().atMost(WAIT).until(() -> Hooks.deliveries(port(), "?state=failed").size() == 1);
    JsonNode failed = Hooks.deliveries(port(), "?state=failed").get(0);
    int triesBefore = failed.path("tries").size();
    assertThat(triesBefore).isGreaterThan(1);
    assertThat(Hooks.deliveries(port(), "?state=pending").size()).isZero();
    assertThat(receiver.acknowledged()).isEmpty();

    healthy.set(true);
    HttpResponse<String> again =
        Hooks.post(port(), "/api/webhooks/deliveries/" + failed.path("id").asText() + "/redeliver");

    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    await().atMost(WAIT).until(() -> receiver.acknowledged().size() == 1);
    assertThat(receiver.acknowledged().getFirst().deliveryId())
        .isEqualTo(failed.path("id").asText());
    await().atMost(WAIT).until(() -> Hooks.deliveries(port(), "?state=delivered").size() == 1);
    assertThat(Hooks.deliveries(port(), "?state=delivered").get(0).path("tries").size())
        .isEqualTo(triesBefore + 1);
    assertThat(Hooks.post(port(), "/api/webhooks/deliveries/nope/redeliver").statusCode())
        .isEqualTo(404);
    assertThat(Hooks.get(port(), "/api/webhooks/deliveries?state=lost").statusCode())
        .isEqualTo(400);
  }

  @Test
  void should_send_each_of_30_jobs_ending_at_once_once() throws Exception {
    receiver = Receiver.start(SECRET);
    roles = start(receiver.url());

    List<String> jobIds = Race.run(30, i -> Hooks.endJob(jobs(), OWNER + "-" + i, JobState.FAILED));

    await().atMost(WAIT).until(() -> receiver.acknowledged().size() >= 30);
    await()
        .atMost(WAIT)
        .until(() -> Hooks.deliveries(port(), "?state=delivered&limit=100").size() == 30);
    List<Receiver.Request> acknowledged = receiver.acknowledged();
    assertThat(acknowledged).hasSize(30);
    Set<String> sent = new HashSet<>();
    acknowledged.forEach(r -> sent.add(Hooks.json(r.body()).path("job").path("id").asText()));
    assertThat(sent).containsExactlyInAnyOrderElementsOf(jobIds);
    assertThat(acknowledged.stream().map(Receiver.Request::deliveryId).distinct()).hasSize(30);
    assertThat(acknowledged).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
  }

  @Test
  void should_send_what_was_left_when_the_node_stopped_after_it_starts_again() throws Exception {
    int port = Receiver.freePort();
    String url = "http://127.0.0.1:" + port + "/hooks/delegate";
    roles = start(url);
    String stored = Hooks.endJob(jobs(), OWNER, JobState.FAILED);
    await().atMost(WAIT).until(() -> Hooks.deliveries(port(), "").size() == 1);
    roles.close();
    roles = null;

    // a node records a job's end and stops before any webhook is made of it
    String unsent;
    try (dev.delegate.store.Database database = dev.delegate.store.Database.h2File(data)) {
      unsent = Hooks.endJob(database.jobStore(), OWNER, JobState.CANCELLED);
    }
    receiver = Receiver.start(port, SECRET, n -> 200);
    roles = start(url);

    await().atMost(WAIT).until(() -> receiver.acknowledged().size() >= 2);
    Function<Receiver.Request, String> jobOf =
        r -> Hooks.json(r.body()).path("job").path("id").asText();
    assertThat(receiver.acknowledged()).extracting(jobOf).containsExactlyInAnyOrder(stored, unsent);
    assertThat(receiver.acknowledged())
        .extracting(Receiver.Request::event)
        .containsExactlyInAnyOrder("job.failed", "job.cancelled");
  }
}
