package dev.delegate.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable webhook deliveries, derived from the job events the job store records. Every method
 * commits before it returns. Several nodes may share one store: a delivery is tried by one node at
 * a time, under a lease; a lost race is a return value.
 *
 * <p>Deliveries are made from the events, not from the moment a job moves: a node that stops right
 * after a job's transition leaves the event, and the next scan (by any node) makes the delivery.
 * Each URL keeps how far it was scanned; a scan reads from there less a margin, since events are
 * recorded with their node's clock and may commit a little after their time.
 */
public interface WebhookStore {

  /**
   * The events of the {@link WebhookEvent} kinds at or after {@code url}'s scan mark less {@code
   * margin} that have no delivery to {@code url} yet, oldest first, at most {@code limit}. A URL
   * seen for the first time gets the mark {@code now}: no earlier event is sent to it.
   */
  List<WebhookSource> undelivered(String url, Duration margin, Instant now, int limit);

  /** Moves {@code url}'s scan mark to {@code scannedUntil}, never back. */
  void markScanned(String url, Instant scannedUntil);

  /** Stores a pending delivery, due at once; false when the event already has one for its URL. */
  boolean create(NewDelivery delivery);

  /**
   * Takes the pending delivery that is due longest, under a lease for {@code owner} (skipping any
   * another node holds), or empty when none is due.
   */
  Optional<Delivery> claim(String owner, Duration lease, Instant now);

  /**
   * Records a try {@code owner} made of a delivery it holds and releases the lease: a 2xx makes it
   * {@code DELIVERED}; otherwise it is tried again at {@code retryAt}, or is {@code FAILED} when
   * that is empty. False when {@code owner} no longer holds the delivery (nothing is recorded).
   */
  boolean recordTry(
      String deliveryId, String owner, DeliveryTry attempt, Optional<Instant> retryAt);

  /**
   * Makes a delivery pending and due at once, whatever its state, retried until {@code giveUpAt}
   * when that try fails; empty when there is no such delivery.
   */
  Optional<Delivery> redeliver(String deliveryId, Instant now, Instant giveUpAt);

  Optional<Delivery> find(String deliveryId);

  /** Deliveries newest first, in {@code state} when given, each with its tries. */
  List<Delivery> recent(Optional<DeliveryState> state, int limit);
}
