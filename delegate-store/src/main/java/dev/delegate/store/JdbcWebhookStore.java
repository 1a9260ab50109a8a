package dev.delegate.store;

import static dev.delegate.store.JobRows.millis;

import dev.delegate.core.job.JobState;
import dev.delegate.core.webhook.Delivery;
import dev.delegate.core.webhook.DeliveryState;
import dev.delegate.core.webhook.DeliveryTry;
import dev.delegate.core.webhook.NewDelivery;
import dev.delegate.core.webhook.WebhookEvent;
import dev.delegate.core.webhook.WebhookSource;
import dev.delegate.core.webhook.WebhookStore;
import dev.delegate.store.Transactions.DuplicateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link WebhookStore} on {@code webhook_deliveries}, {@code webhook_tries} and {@code
 * webhook_scans}, reading {@code job_events} (and {@code tasks} for the task's title). A claim
 * reads the due deliveries, locks the first one no other transaction holds ({@code FOR UPDATE SKIP
 * LOCKED}) and takes it with an update guarded by its state and lease, as jobs are claimed.
 */
public final class JdbcWebhookStore implements WebhookStore {
  private static final String EVENT_STATES =
      Arrays.stream(WebhookEvent.values())
          .map(e -> "'" + e.state().name() + "'")
          .collect(Collectors.joining(", ", "(", ")"));
  private static final int CLAIM_CANDIDATES = 16;

  private final Transactions tx;

  JdbcWebhookStore(Jdbi jdbi) {
    this.tx = new Transactions(jdbi);
  }

  @Override
  public List<WebhookSource> undelivered(String url, Duration margin, Instant now, int limit) {
    Objects.requireNonNull(url, "url");
    Optional<Long> mark = scanMark(url);
    if (mark.isEmpty()) {
      try {
        tx.inTransaction(
            h ->
                h.createUpdate("INSERT INTO webhook_scans (url, scanned_until) VALUES (:url, :at)")
                    .bind("url", url)
                    .bind("at", millis(now))
                    .execute());
      } catch (DuplicateKey anotherNodeFirst) {
        // its mark stands
      }
      return List.of();
    }
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT e.seq, e.job_id, e.to_state, e.occurred_at, e.message, t.id AS task_id,"
                        + " t.title, t.pr_url FROM job_events e LEFT JOIN tasks t"
                        + " ON t.job_id = e.job_id WHERE e.occurred_at >= :from"
                        + " AND e.to_state IN "
                        + EVENT_STATES
                        + " AND (e.from_state IS NULL OR e.from_state <> e.to_state)"
                        + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d"
                        + " WHERE d.event_seq = e.seq AND d.url = :url)"
                        + " ORDER BY e.occurred_at, e.seq FETCH FIRST :limit ROWS ONLY")
                .bind("from", mark.get() - margin.toMillis())
                .bind("url", url)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new WebhookSource(
                            rs.getLong("seq"),
                            rs.getString("job_id"),
                            JobState.valueOf(rs.getString("to_state")),
                            Instant.ofEpochMilli(rs.getLong("occurred_at")),
                            rs.getString("message"),
                            Optional.ofNullable(rs.getString("task_id")),
                            Optional.ofNullable(rs.getString("title")),
                            Optional.ofNullable(rs.getString("pr_url"))))
                .list());
  }

  private Optional<Long> scanMark(String url) {
    return tx.withHandle(
        h ->
            h.createQuery("SELECT scanned_until FROM webhook_scans WHERE url = :url")
                .bind("url", url)
                .mapTo(Long.class)
                .findOne());
  }

  @Override
  public void markScanned(String url, Instant scannedUntil) {
    tx.inTransaction(
        h ->
            h.createUpdate(
                    "UPDATE webhook_scans SET scanned_until = :at"
                        + " WHERE url = :url AND scanned_until < :at")
                .bind("url", url)
                .bind("at", millis(scannedUntil))
                .execute());
  }

  @Override
  public boolean create(NewDelivery d) {
    try {
      return tx.inTransaction(
          h -> {
            boolean exists =
                h.createQuery(
                        "SELECT 1 FROM webhook_deliveries WHERE event_seq = :event AND url = :url")
                    .bind("event", d.eventSequence())
                    .bind("url", d.url())
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent();
            if (exists) {
              return false;
            }
            h.createUpdate(
                    "INSERT INTO webhook_deliveries (id, event_seq, job_id, event, url, body, state,"
                        + " created_at, next_try_at, give_up_at) VALUES (:id, :event, :job,"
                        + " :name, :url, :body, 'PENDING', :now, :now, :giveUp)")
                .bind("id", d.id())
                .bind("event", d.eventSequence())
                .bind("job", d.jobId())
                .bind("name", d.event())
                .bind("url", d.url())
                .bind("body", d.body())
                .bind("now", millis(d.createdAt()))
                .bind("giveUp", millis(d.giveUpAt()))
                .execute();
            return true;
          });
    } catch (DuplicateKey anotherNodeFirst) {
      return false;
    }
  }

  @Override
  public Optional<Delivery> claim(String owner, Duration lease, Instant now) {
    Objects.requireNonNull(owner, "owner");
    return tx.inTransaction(
        h -> {
          List<String> candidates =
              h.createQuery(
                      "SELECT id FROM webhook_deliveries WHERE state = 'PENDING'"
                          + " AND next_try_at <= :now"
                          + " AND (lease_expires_at IS NULL OR lease_expires_at <= :now)"
                          + " ORDER BY next_try_at, seq FETCH FIRST :n ROWS ONLY")
                  .bind("now", millis(now))
                  .bind("n", CLAIM_CANDIDATES)
                  .mapTo(String.class)
                  .list();
          for (String id : candidates) {
            if (tryClaim(h, id, owner, lease, now)) {
              return find(h, id);
            }
          }
          return Optional.empty();
        });
  }

  /** Locks the row unless another transaction holds it, then takes it if still due and free. */
  private static boolean tryClaim(Handle h, String id, String owner, Duration lease, Instant now) {
    boolean locked =
        h.createQuery("SELECT id FROM webhook_deliveries WHERE id = :id FOR UPDATE SKIP LOCKED")
            .bind("id", id)
            .mapTo(String.class)
            .findOne()
            .isPresent();
    return locked
        && h.createUpdate(
                    "UPDATE webhook_deliveries SET lease_owner = :owner, lease_expires_at = :expires"
                        + " WHERE id = :id AND state = 'PENDING' AND next_try_at <= :now"
                        + " AND (lease_expires_at IS NULL OR lease_expires_at <= :now)")
                .bind("owner", owner)
                .bind("expires", millis(now.plus(lease)))
                .bind("now", millis(now))
                .bind("id", id)
                .execute()
            == 1;
  }

  @Override
  public boolean recordTry(
      String deliveryId, String owner, DeliveryTry attempt, Optional<Instant> retryAt) {
    return tx.inTransaction(
        h -> {
          Optional<String> holder =
              h.createQuery("SELECT lease_owner FROM webhook_deliveries WHERE id = :id FOR UPDATE")
                  .bind("id", deliveryId)
                  .mapTo(String.class)
                  .findOne();
          if (holder.isEmpty() || !owner.equals(holder.get())) {
            return false;
          }
          h.createUpdate(
                  "INSERT INTO webhook_tries (delivery_id, tried_at, node, status_code, error,"
                      + " duration_millis) VALUES (:id, :at, :node, :status, :error, :millis)")
              .bind("id", deliveryId)
              .bind("at", millis(attempt.at()))
              .bind("node", attempt.node())
              .bind(
                  "status",
                  attempt.status().isPresent() ? (Integer) attempt.status().getAsInt() : null)
              .bind("error", attempt.error().orElse(null))
              .bind("millis", attempt.duration().toMillis())
              .execute();
          DeliveryState next =
              attempt.succeeded()
                  ? DeliveryState.DELIVERED
                  : retryAt.isPresent() ? DeliveryState.PENDING : DeliveryState.FAILED;
          h.createUpdate(
                  "UPDATE webhook_deliveries SET state = :state, next_try_at = :next,"
                      + " lease_owner = NULL, lease_expires_at = NULL WHERE id = :id")
              .bind("state", next.name())
              .bind(
                  "next",
                  millis(retryAt.filter(r -> next == DeliveryState.PENDING).orElse(attempt.at())))
              .bind("id", deliveryId)
              .execute();
          return true;
        });
  }

  @Override
  public Optional<Delivery> redeliver(String deliveryId, Instant now, Instant giveUpAt) {
    return tx.inTransaction(
        h -> {
          int updated =
              h.createUpdate(
                      "UPDATE webhook_deliveries SET state = 'PENDING', next_try_at = :now,"
                          + " give_up_at = :giveUp WHERE id = :id")
                  .bind("now", millis(now))
                  .bind("giveUp", millis(giveUpAt))
                  .bind("id", deliveryId)
                  .execute();
          return updated == 1 ? find(h, deliveryId) : Optional.empty();
        });
  }

  @Override
  public Optional<Delivery> find(String deliveryId) {
    return tx.withHandle(h -> find(h, deliveryId));
  }

  @Override
  public List<Delivery> recent(Optional<DeliveryState> state, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return tx.inTransaction(
        h -> {
          Query query =
              h.createQuery(
                      "SELECT "
                          + DeliveryRows.COLUMNS
                          + " FROM webhook_deliveries"
                          + (state.isPresent() ? " WHERE state = :state" : "")
                          + " ORDER BY created_at DESC, seq DESC FETCH FIRST :limit ROWS ONLY")
                  .bind("limit", limit);
          state.ifPresent(s -> query.bind("state", s.name()));
          List<DeliveryRows.Row> rows = query.map(DeliveryRows.ROW).list();
          Map<String, List<DeliveryTry>> tries =
              DeliveryRows.tries(h, rows.stream().map(DeliveryRows.Row::id).toList());
          return rows.stream().map(r -> r.with(tries.getOrDefault(r.id(), List.of()))).toList();
        });
  }

  private static Optional<Delivery> find(Handle h, String id) {
    return h.createQuery(
            "SELECT " + DeliveryRows.COLUMNS + " FROM webhook_deliveries WHERE id = :id")
        .bind("id", id)
        .map(DeliveryRows.ROW)
        .findOne()
        .map(r -> r.with(DeliveryRows.tries(h, List.of(id)).getOrDefault(id, List.of())));
  }
}
