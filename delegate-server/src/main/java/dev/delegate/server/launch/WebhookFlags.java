package dev.delegate.server.launch;

import dev.delegate.core.InvalidSettingException;
import dev.delegate.core.webhook.WebhookRetry;
import dev.delegate.server.config.ConfigDefaults;
import dev.delegate.server.config.ConfigException;
import dev.delegate.server.config.DurationConverter;
import dev.delegate.server.config.WebhookOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s {@code --webhook-*} options. The secret, like every option, may come from the
 * environment ({@code DELEGATE_WEBHOOK_SECRET}, see {@link ConfigDefaults}) and is never shown.
 */
public final class WebhookFlags {
  @Option(
      names = "--webhook-url",
      split = ",",
      description =
          "Where job events (job.succeeded, job.failed, job.timed_out, job.cancelled,"
              + " job.needs_input) are POSTed, signed with --webhook-secret; repeatable or"
              + " comma-separated.")
  List<String> webhookUrls = new ArrayList<>();

  @Option(
      names = "--webhook-secret",
      description =
          "Key of the events' X-Delegate-Signature-256 (HMAC-SHA256 of the body); required with"
              + " --webhook-url (or DELEGATE_WEBHOOK_SECRET).")
  String webhookSecret;

  @Option(
      names = "--webhook-allow-link-local",
      defaultValue = "false",
      description = "Accept webhook URLs that point at link-local or cloud metadata addresses.")
  boolean webhookAllowLinkLocal;

  @Option(
      names = "--webhook-retry-for",
      converter = DurationConverter.class,
      description = "How long a delivery that fails is tried again (default: ${DEFAULT-VALUE}).")
  Duration webhookRetryFor = WebhookRetry.DEFAULT_RETRY_FOR;

  @Option(
      names = "--webhook-retry-delay",
      converter = DurationConverter.class,
      description = "Delay after a delivery's first failed try; doubles per try, up to 1h.")
  Duration webhookRetryDelay = WebhookRetry.DEFAULT_FIRST_DELAY;

  @Option(
      names = "--webhook-timeout",
      converter = DurationConverter.class,
      description = "How long one try waits to connect and for the answer.")
  Duration webhookTimeout = WebhookOptions.DEFAULT_TIMEOUT;

  /** The options, checked; a value out of its bounds is a {@link ConfigException} naming it. */
  WebhookOptions toOptions() {
    WebhookRetry retry;
    try {
      retry = WebhookRetry.of(webhookRetryFor, webhookRetryDelay);
    } catch (InvalidSettingException e) {
      String flag =
          switch (e.setting()) {
            case "retryFor" -> "--webhook-retry-for";
            default -> "--webhook-retry-delay";
          };
      throw new ConfigException(flag + " " + e.problem());
    }
    return new WebhookOptions(
        webhookUrls.stream().filter(url -> !url.isBlank()).map(WebhookOptions::parseUrl).toList(),
        Optional.ofNullable(webhookSecret),
        webhookAllowLinkLocal,
        retry,
        webhookTimeout);
  }
}
