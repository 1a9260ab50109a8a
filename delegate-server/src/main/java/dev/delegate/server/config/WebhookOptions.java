package dev.delegate.server.config;

import dev.delegate.core.DurationText;
import dev.delegate.core.webhook.WebhookRetry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where job events are POSTed ({@code --webhook-url}) and how.
 *
 * @param secret the HMAC key of {@code X-Delegate-Signature-256}; required with a URL, never shown
 *     by {@link #toString}
 * @param allowLinkLocal accept URLs whose host is a link-local or cloud metadata address
 * @param timeout how long one try waits for the connection and the answer
 */
public record WebhookOptions(
    List<URI> urls,
    Optional<String> secret,
    boolean allowLinkLocal,
    WebhookRetry retry,
    Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final WebhookOptions NONE =
      new WebhookOptions(List.of(), Optional.empty(), false, WebhookRetry.DEFAULT, DEFAULT_TIMEOUT);

  public WebhookOptions {
    urls = List.copyOf(urls);
    secret = secret.filter(s -> !s.isEmpty());
    Objects.requireNonNull(retry, "retry");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ConfigException(
          "--webhook-timeout must be positive, was " + DurationText.of(timeout));
    }
    if (!urls.isEmpty() && secret.isEmpty()) {
      throw new ConfigException(
          "--webhook-url needs --webhook-secret (or DELEGATE_WEBHOOK_SECRET): every event is"
              + " signed with it");
    }
    for (URI url : urls) {
      WebhookTargets.check(url, allowLinkLocal);
    }
  }

  /** Parses one {@code --webhook-url}; a mistake is a {@link ConfigException}. */
  public static URI parseUrl(String text) {
    return WebhookTargets.parse(text);
  }

  @Override
  public String toString() {
    return "webhooks to "
        + urls.stream().map(WebhookTargets::shown).toList()
        + (secret.isPresent() ? " (signed)" : "")
        + (allowLinkLocal ? ", link-local allowed" : "");
  }
}
