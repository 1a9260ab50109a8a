package dev.delegate.testkit.store;

import dev.delegate.core.job.JobEvent;
import dev.delegate.core.webhook.Delivery;
import dev.delegate.core.webhook.DeliveryState;
import dev.delegate.core.webhook.DeliveryTry;
import dev.delegate.core.webhook.NewDelivery;
import dev.delegate.core.webhook.WebhookEvent;
import dev.delegate.core.webhook.WebhookSource;
import dev.delegate.core.webhook.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link WebhookStore} in memory, on the events of an {@link InMemoryJobStore}; it knows no
 * tasks, so its sources carry none. Every method is atomic.
 */
public final class InMemoryWebhookStore implements WebhookStore {
  private final InMemoryJobStore jobs;
  private final Map<String, Instant> marks = new HashMap<>();
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Set<String> made = new HashSet<>();

  private static final class Row {
    final NewDelivery delivery;
    final long order;
    final List<DeliveryTry> tries = new ArrayList<>();
    DeliveryState state = DeliveryState.PENDING;
    Instant nextTryAt;
    Instant giveUpAt;
    String leaseOwner;
    Instant leaseExpiresAt;

    Row(NewDelivery delivery, long order) {
      this.delivery = delivery;
      this.order = order;
      this.nextTryAt = delivery.createdAt();
      this.giveUpAt = delivery.giveUpAt();
    }

    boolean due(Instant now) {
      return state == DeliveryState.PENDING
          && !nextTryAt.isAfter(now)
          && (leaseExpiresAt == null || !leaseExpiresAt.isAfter(now));
    }

    Delivery snapshot() {
      NewDelivery d = delivery;
      return new Delivery(
          d.id(),
          d.eventSequence(),
          d.jobId(),
          d.event(),
          d.url(),
          d.body(),
          state,
          d.createdAt(),
          nextTryAt,
          giveUpAt,
          tries);
    }
  }

  public InMemoryWebhookStore(InMemoryJobStore jobs) {
    this.jobs = jobs;
  }

  private static String key(long eventSequence, String url) {
    return eventSequence + " " + url;
  }

  @Override
  public synchronized List<WebhookSource> undelivered(
      String url, Duration margin, Instant now, int limit) {
    Instant mark = marks.get(url);
    if (mark == null) {
      marks.put(url, now);
      return List.of();
    }
    return jobs.eventsSince(mark.minus(margin)).stream()
        .filter(e -> WebhookEvent.of(e.to()).isPresent())
        .filter(e -> e.from().map(from -> from != e.to()).orElse(true))
        .filter(e -> !made.contains(key(e.sequence(), url)))
        .sorted(Comparator.comparing(JobEvent::at).thenComparing(JobEvent::sequence))
        .limit(limit)
        .map(
            e ->
                new WebhookSource(
                    e.sequence(),
                    e.jobId(),
                    e.to(),
                    e.at(),
                    e.message(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .toList();
  }

  @Override
  public synchronized void markScanned(String url, Instant scannedUntil) {
    marks.computeIfPresent(url, (u, mark) -> mark.isBefore(scannedUntil) ? scannedUntil : mark);
  }

  @Override
  public synchronized boolean create(NewDelivery delivery) {
    if (!made.add(key(delivery.eventSequence(), delivery.url()))) {
      return false;
    }
    rows.put(delivery.id(), new Row(delivery, rows.size()));
    return true;
  }

  @Override
  public synchronized Optional<Delivery> claim(String owner, Duration lease, Instant now) {
    Optional<Row> due =
        rows.values().stream()
            .filter(r -> r.due(now))
            .min(Comparator.comparing((Row r) -> r.nextTryAt).thenComparingLong(r -> r.order));
    due.ifPresent(
        r -> {
          r.leaseOwner = owner;
          r.leaseExpiresAt = now.plus(lease);
        });
    return due.map(Row::snapshot);
  }

  @Override
  public synchronized boolean recordTry(
      String deliveryId, String owner, DeliveryTry attempt, Optional<Instant> retryAt) {
    Row row = rows.get(deliveryId);
    if (row == null || !owner.equals(row.leaseOwner)) {
      return false;
    }
    row.tries.add(attempt);
    row.state =
        attempt.succeeded()
            ? DeliveryState.DELIVERED
            : retryAt.isPresent() ? DeliveryState.PENDING : DeliveryState.FAILED;
    row.nextTryAt = row.state == DeliveryState.PENDING ? retryAt.orElseThrow() : attempt.at();
    row.leaseOwner = null;
    row.leaseExpiresAt = null;
    return true;
  }

  @Override
  public synchronized Optional<Delivery> redeliver(
      String deliveryId, Instant now, Instant giveUpAt) {
    Row row = rows.get(deliveryId);
    if (row == null) {
      return Optional.empty();
    }
    row.state = DeliveryState.PENDING;
    row.nextTryAt = now;
    row.giveUpAt = giveUpAt;
    return Optional.of(row.snapshot());
  }

  @Override
  public synchronized Optional<Delivery> find(String deliveryId) {
    return Optional.ofNullable(rows.get(deliveryId)).map(Row::snapshot);
  }

  @Override
  public synchronized List<Delivery> recent(Optional<DeliveryState> state, int limit) {
    return rows.values().stream()
        .filter(r -> state.map(s -> r.state == s).orElse(true))
        .sorted(
            Comparator.comparing((Row r) -> r.delivery.createdAt())
                .thenComparingLong(r -> r.order)
                .reversed())
        .limit(Math.max(limit, 0))
        .map(Row::snapshot)
        .toList();
  }
}
