package dev.delegate.server.webhook;

import dev.delegate.core.webhook.Delivery;
import dev.delegate.core.webhook.DeliveryState;
import dev.delegate.core.webhook.DeliveryTry;
import dev.delegate.core.webhook.WebhookRetry;
import dev.delegate.core.webhook.WebhookStore;
import dev.delegate.server.config.WebhookTargets;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.QueryParams;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/webhooks/deliveries} (newest first, {@code ?state=pending|delivered|failed},
 * {@code ?limit=}) and {@code POST /api/webhooks/deliveries/{id}/redeliver} (a new try now, retried
 * for the retry window again when it fails). Neither shows the secret or a URL's query.
 */
public final class WebhookRoutes {
  private final WebhookStore store;
  private final WebhookRetry retry;
  private final Clock clock;
  private final Runnable wake;

  /**
   * @param wake tells this process's sender, if any, that a delivery is due; without one, a node
   *     that sends webhooks finds it within its poll
   */
  public WebhookRoutes(WebhookStore store, WebhookRetry retry, Clock clock, Runnable wake) {
    this.store = store;
    this.retry = retry;
    this.clock = clock;
    this.wake = wake;
  }

  public void install(JavalinConfig config) {
    config.routes.get("/api/webhooks/deliveries", this::list);
    config.routes.post("/api/webhooks/deliveries/{id}/redeliver", this::redeliver);
  }

  private void list(Context ctx) {
    int limit = QueryParams.limit(ctx.queryParam("limit"));
    Optional<DeliveryState> state =
        Optional.ofNullable(ctx.queryParam("state")).map(WebhookRoutes::state);
    ctx.json(
        Map.of(
            "deliveries", store.recent(state, limit).stream().map(WebhookRoutes::json).toList()));
  }

  private static DeliveryState state(String text) {
    try {
      return DeliveryState.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "invalid_state",
          "state must be one of "
              + Arrays.stream(DeliveryState.values())
                  .map(s -> s.name().toLowerCase(Locale.ROOT))
                  .toList()
              + ", was '"
              + text
              + "'");
    }
  }

  private void redeliver(Context ctx) {
    String id = ctx.pathParam("id");
    Instant now = clock.instant();
    Delivery delivery =
        store
            .redeliver(id, now, retry.giveUpAt(now))
            .orElseThrow(
                () -> new ApiException(404, "delivery_not_found", "no webhook delivery " + id));
    wake.run();
    ctx.status(202).json(json(delivery));
  }

  static Map<String, Object> json(Delivery delivery) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", delivery.id());
    body.put("event", delivery.event());
    body.put("jobId", delivery.jobId());
    body.put("url", WebhookTargets.shown(URI.create(delivery.url())));
    body.put("state", delivery.state().name().toLowerCase(Locale.ROOT));
    body.put("createdAt", delivery.createdAt().toString());
    body.put(
        "nextTryAt",
        delivery.state() == DeliveryState.PENDING ? delivery.nextTryAt().toString() : null);
    body.put("giveUpAt", delivery.giveUpAt().toString());
    body.put("tries", delivery.tries().stream().map(WebhookRoutes::json).toList());
    return body;
  }

  private static Map<String, Object> json(DeliveryTry attempt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("at", attempt.at().toString());
    body.put("node", attempt.node());
    body.put("status", attempt.status().isPresent() ? attempt.status().getAsInt() : null);
    body.put("error", attempt.error().orElse(null));
    body.put("durationMs", attempt.duration().toMillis());
    return body;
  }
}
