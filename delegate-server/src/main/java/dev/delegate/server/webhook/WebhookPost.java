package dev.delegate.server.webhook;

import dev.delegate.core.webhook.Delivery;
import dev.delegate.core.webhook.DeliveryTry;
import dev.delegate.server.config.WebhookOptions;
import dev.delegate.server.config.WebhookTargets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/** One try of a delivery: a signed POST of its body, never following a redirect. */
final class WebhookPost {
  static final String USER_AGENT = "Delegate-Webhook/0.1.0";

  private final WebhookOptions options;
  private final String secret;
  private final String nodeId;
  private final Clock clock;
  private final HttpClient http;
  private volatile boolean aborted;

  WebhookPost(WebhookOptions options, String nodeId, Clock clock) {
    this.options = options;
    this.secret = options.secret().orElse("");
    this.nodeId = nodeId;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(options.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** The try, or empty when the node is stopping ({@link #abort}). */
  Optional<DeliveryTry> send(Delivery delivery) {
    URI url = URI.create(delivery.url());
    Instant at = clock.instant();
    long started = System.nanoTime();
    OptionalInt status = OptionalInt.empty();
    Optional<String> error = Optional.empty();
    Optional<String> refused =
        options.allowLinkLocal() ? Optional.empty() : WebhookTargets.refusal(url);
    if (refused.isPresent()) {
      error = Optional.of("not sent: the URL " + refused.get());
    } else {
      byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(options.timeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", USER_AGENT)
              .header("X-Delegate-Event", delivery.event())
              .header("X-Delegate-Delivery", delivery.id())
              .header(WebhookSignature.HEADER, WebhookSignature.of(body, secret))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      try {
        status =
            OptionalInt.of(
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).get().statusCode());
      } catch (ExecutionException e) {
        if (aborted) {
          return Optional.empty();
        }
        error = Optional.of(describe(e.getCause()));
      } catch (CancellationException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    return Optional.of(new DeliveryTry(at, nodeId, status, error, took));
  }

  /**
   * Ends every try in progress without interrupting its thread (an interrupt would close the
   * embedded database's file under the thread that records the try); they record nothing.
   */
  void abort() {
    aborted = true;
    http.shutdownNow();
  }

  private String describe(Throwable e) {
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + options.timeout().toMillis() + " ms";
    }
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
