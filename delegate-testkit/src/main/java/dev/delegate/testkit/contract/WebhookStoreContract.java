package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.webhook.Delivery;
import dev.delegate.core.webhook.DeliveryState;
import dev.delegate.core.webhook.DeliveryTry;
import dev.delegate.core.webhook.NewDelivery;
import dev.delegate.core.webhook.WebhookSource;
import dev.delegate.core.webhook.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookStore} must do, on the job events of the job store it shares an engine
 * with: deliveries derived from the events once per event and URL, claimed by one node at a time,
 * every try kept.
 */
public abstract class WebhookStoreContract extends JobStoreFixture {
  private static final String URL = "http://127.0.0.1:9/hooks";
  private static final Duration MARGIN = Duration.ofMinutes(5);

  protected WebhookStore webhooks;

  /** The webhook store of the engine {@link #openStores()} opened for this test. */
  protected abstract WebhookStore webhookStore();

  @BeforeEach
  public void openWebhooks() {
    webhooks = webhookStore();
  }

  /** A job that went through {@code path} after its claim, at {@code now}. */
  private Job endedJob(String id, Instant now, JobState... path) {
    store.enqueue(newJob(id, Math.abs(id.hashCode() % 100_000) + 1), now);
    return claimAndMove("node-a", now, path);
  }

  private NewDelivery delivery(WebhookSource source, String url, Instant now) {
    return new NewDelivery(
        "d-" + source.eventSequence() + "-" + url.hashCode(),
        source.eventSequence(),
        source.jobId(),
        source.event().wireName(),
        url,
        "{\"event\":\"" + source.event().wireName() + "\"}",
        now,
        now.plus(Duration.ofHours(1)));
  }

  private Delivery storedDelivery(String jobId, Instant now) {
    webhooks.undelivered(URL, MARGIN, now, 100);
    endedJob(jobId, now, JobState.RUNNING, JobState.FAILED);
    WebhookSource source = webhooks.undelivered(URL, MARGIN, now, 100).getFirst();
    NewDelivery created = delivery(source, URL, now);
    assertThat(webhooks.create(created)).isTrue();
    return webhooks.find(created.id()).orElseThrow();
  }

  private static DeliveryTry answered(Instant at, int status) {
    return new DeliveryTry(
        at, "node-a", OptionalInt.of(status), Optional.empty(), Duration.ofMillis(12));
  }

  @Test
  public void should_send_a_new_url_nothing_from_before_it_was_first_scanned() {
    endedJob("before", at(0), JobState.RUNNING, JobState.FAILED);

    assertThat(webhooks.undelivered(URL, MARGIN, at(600), 100)).isEmpty();
    endedJob("after", at(601), JobState.RUNNING, JobState.FAILED);

    assertThat(webhooks.undelivered(URL, MARGIN, at(602), 100))
        .extracting(WebhookSource::jobId)
        .containsExactly("after");
  }

  @Test
  public void should_list_only_the_five_endings_and_each_until_it_has_a_delivery() {
    webhooks.undelivered(URL, MARGIN, at(0), 100);
    Job failed = endedJob("failed", at(1), JobState.RUNNING, JobState.FAILED);
    store.note(failed.id(), "approval: allowed", at(2));
    endedJob("asks", at(3), JobState.RUNNING, JobState.NEEDS_INPUT);

    List<WebhookSource> sources = webhooks.undelivered(URL, MARGIN, at(4), 100);

    assertThat(sources)
        .extracting(WebhookSource::jobId, WebhookSource::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("failed", JobState.FAILED),
            org.assertj.core.groups.Tuple.tuple("asks", JobState.NEEDS_INPUT));
    assertThat(sources.getFirst().message()).isEqualTo("to FAILED");
    assertThat(webhooks.create(delivery(sources.getFirst(), URL, at(4)))).isTrue();
    assertThat(webhooks.create(delivery(sources.getFirst(), URL, at(5)))).isFalse();
    assertThat(webhooks.undelivered(URL, MARGIN, at(6), 100))
        .extracting(WebhookSource::jobId)
        .containsExactly("asks");
    // another URL has a mark of its own and deliveries of its own
    String other = "http://127.0.0.1:9/other";
    webhooks.undelivered(other, MARGIN, at(0), 100);
    assertThat(webhooks.undelivered(other, MARGIN, at(6), 100)).hasSize(2);
  }

  @Test
  public void should_read_back_a_margin_before_the_mark_and_never_move_it_back() {
    webhooks.undelivered(URL, MARGIN, at(0), 100);
    endedJob("late", at(10), JobState.CANCELLED);
    webhooks.markScanned(URL, at(200));
    webhooks.markScanned(URL, at(100));

    assertThat(webhooks.undelivered(URL, Duration.ofSeconds(60), at(300), 100)).isEmpty();
    assertThat(webhooks.undelivered(URL, Duration.ofSeconds(190), at(300), 100))
        .extracting(WebhookSource::jobId, WebhookSource::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("late", JobState.CANCELLED));
  }

  @Test
  public void should_let_one_node_at_a_time_try_a_delivery() {
    Delivery delivery = storedDelivery("held", at(0));

    Optional<Delivery> first = webhooks.claim("node-a", LEASE, at(1));
    assertThat(first.map(Delivery::id)).contains(delivery.id());
    assertThat(webhooks.claim("node-b", LEASE, at(2))).isEmpty();

    // node-a stops answering; its lease runs out and node-b takes the delivery
    Instant later = at(1).plus(LEASE).plusSeconds(1);
    assertThat(webhooks.claim("node-b", LEASE, later).map(Delivery::id)).contains(delivery.id());
    assertThat(webhooks.recordTry(delivery.id(), "node-a", answered(later, 200), Optional.empty()))
        .isFalse();
    assertThat(webhooks.recordTry(delivery.id(), "node-b", answered(later, 200), Optional.empty()))
        .isTrue();
    Delivery done = webhooks.find(delivery.id()).orElseThrow();
    assertThat(done.state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(done.tries()).hasSize(1);
    assertThat(webhooks.claim("node-a", LEASE, at(3600))).isEmpty();
  }

  @Test
  public void should_keep_every_try_and_retry_until_the_store_is_told_to_give_up() {
    Delivery delivery = storedDelivery("flaky", at(0));

    assertThat(webhooks.claim("node-a", LEASE, at(1))).isPresent();
    DeliveryTry refused =
        new DeliveryTry(
            at(1), "node-a", OptionalInt.empty(), Optional.of("connection refused"), Duration.ZERO);
    assertThat(webhooks.recordTry(delivery.id(), "node-a", refused, Optional.of(at(11)))).isTrue();
    assertThat(webhooks.claim("node-a", LEASE, at(10))).isEmpty();
    assertThat(webhooks.claim("node-a", LEASE, at(11))).isPresent();
    assertThat(webhooks.recordTry(delivery.id(), "node-a", answered(at(11), 500), Optional.empty()))
        .isTrue();

    Delivery failed = webhooks.find(delivery.id()).orElseThrow();
    assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(failed.tries())
        .extracting(t -> t.status().isPresent() ? t.status().getAsInt() : -1, DeliveryTry::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(-1, Optional.of("connection refused")),
            org.assertj.core.groups.Tuple.tuple(500, Optional.empty()));
    assertThat(webhooks.claim("node-a", LEASE, at(7200))).isEmpty();

    Delivery again = webhooks.redeliver(delivery.id(), at(20), at(3620)).orElseThrow();
    assertThat(again.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(again.tries()).hasSize(2);
    assertThat(webhooks.claim("node-a", LEASE, at(20)).map(Delivery::id)).contains(delivery.id());
    assertThat(webhooks.redeliver("nope", at(20), at(3620))).isEmpty();
  }

  @Test
  public void should_list_deliveries_newest_first_by_state_with_their_tries() {
    webhooks.undelivered(URL, MARGIN, at(0), 100);
    for (int i = 1; i <= 3; i++) {
      endedJob("job-" + i, at(i), JobState.RUNNING, JobState.FAILED);
    }
    List<WebhookSource> sources = webhooks.undelivered(URL, MARGIN, at(4), 100);
    for (int i = 0; i < sources.size(); i++) {
      webhooks.create(delivery(sources.get(i), URL, at(10 + i)));
    }
    Delivery claimed = webhooks.claim("node-a", LEASE, at(20)).orElseThrow();
    webhooks.recordTry(claimed.id(), "node-a", answered(at(20), 204), Optional.empty());

    assertThat(webhooks.recent(Optional.empty(), 10))
        .extracting(Delivery::jobId)
        .containsExactly("job-3", "job-2", "job-1");
    assertThat(webhooks.recent(Optional.empty(), 2)).hasSize(2);
    List<Delivery> delivered = webhooks.recent(Optional.of(DeliveryState.DELIVERED), 10);
    assertThat(delivered).extracting(Delivery::jobId).containsExactly("job-1");
    assertThat(delivered.getFirst().tries()).hasSize(1);
    assertThat(delivered.getFirst().body()).isEqualTo("{\"event\":\"job.failed\"}");
    assertThat(webhooks.recent(Optional.of(DeliveryState.PENDING), 10)).hasSize(2);
  }

  @Test
  public void should_store_one_delivery_when_many_nodes_make_it_at_once() throws Exception {
    webhooks.undelivered(URL, MARGIN, at(0), 100);
    endedJob("raced", at(1), JobState.CANCELLED);
    WebhookSource source = webhooks.undelivered(URL, MARGIN, at(2), 100).getFirst();

    List<Boolean> created =
        Race.run(
            8,
            i ->
                webhooks.create(
                    new NewDelivery(
                        "raced-" + i,
                        source.eventSequence(),
                        source.jobId(),
                        "job.cancelled",
                        URL,
                        "{}",
                        at(2),
                        at(3602))));

    assertThat(created).containsOnlyOnce(true);
    assertThat(webhooks.recent(Optional.empty(), 100)).hasSize(1);
  }

  @Test
  public void should_give_each_due_delivery_to_one_of_many_claimers() throws Exception {
    webhooks.undelivered(URL, MARGIN, at(0), 100);
    int n = 30;
    for (int i = 0; i < n; i++) {
      endedJob("many-" + i, at(1), JobState.CANCELLED);
    }
    for (WebhookSource source : webhooks.undelivered(URL, MARGIN, at(2), 100)) {
      webhooks.create(delivery(source, URL, at(2)));
    }

    List<List<String>> claimed =
        Race.run(
            6,
            node ->
                IntStream.range(0, n)
                    .mapToObj(i -> webhooks.claim("node-" + node, LEASE, at(3)))
                    .flatMap(Optional::stream)
                    .map(Delivery::id)
                    .toList());

    Set<String> all = new HashSet<>();
    claimed.forEach(all::addAll);
    assertThat(claimed.stream().mapToInt(List::size).sum()).isEqualTo(n);
    assertThat(all).hasSize(n);
  }

  @Test
  public void should_keep_a_failure_message_of_the_event() {
    webhooks.undelivered(URL, MARGIN, at(0), 100);
    store.enqueue(newJob("broke", 7), at(1));
    Job job = store.claim("node-a", LEASE, at(1)).orElseThrow();
    store.transition(job.id(), "node-a", JobState.RUNNING, "running", JobChange.NONE, at(1));
    store.transition(
        job.id(),
        "node-a",
        JobState.FAILED,
        "tests failed",
        JobChange.failure("tests failed"),
        at(2));

    assertThat(webhooks.undelivered(URL, MARGIN, at(3), 100))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.message()).isEqualTo("tests failed");
              assertThat(s.at()).isEqualTo(at(2));
              assertThat(s.taskId()).isEmpty();
            });
  }
}
