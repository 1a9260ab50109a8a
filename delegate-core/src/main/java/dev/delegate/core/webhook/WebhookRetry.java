package dev.delegate.core.webhook;

import dev.delegate.core.DurationText;
import dev.delegate.core.InvalidSettingException;
import dev.delegate.core.SettingChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long and how often a webhook delivery is tried: the delay after a failed try doubles from
 * {@code firstDelay} up to {@code maxDelay}, and a delivery stops being tried {@code retryFor}
 * after it was made.
 */
public record WebhookRetry(Duration retryFor, Duration firstDelay, Duration maxDelay) {
  public static final Duration DEFAULT_RETRY_FOR = Duration.ofHours(24);
  public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofHours(1);
  public static final WebhookRetry DEFAULT =
      new WebhookRetry(DEFAULT_RETRY_FOR, DEFAULT_FIRST_DELAY, DEFAULT_MAX_DELAY);

  public WebhookRetry {
    SettingChecks.notNegative("retryFor", retryFor);
    SettingChecks.atLeast("firstDelay", firstDelay, Duration.ofMillis(10));
    if (maxDelay.compareTo(firstDelay) < 0) {
      throw new InvalidSettingException(
          "maxDelay",
          "must be at least the first delay ("
              + DurationText.of(firstDelay)
              + "), was "
              + DurationText.of(maxDelay));
    }
  }

  /** The same, with another retry window and first delay; the longest delay at least as long. */
  public static WebhookRetry of(Duration retryFor, Duration firstDelay) {
    Duration max = firstDelay.compareTo(DEFAULT_MAX_DELAY) > 0 ? firstDelay : DEFAULT_MAX_DELAY;
    return new WebhookRetry(retryFor, firstDelay, max);
  }

  /** When a delivery made at {@code createdAt} is no longer tried. */
  public Instant giveUpAt(Instant createdAt) {
    return createdAt.plus(retryFor);
  }

  /**
   * When to try again after {@code triesMade} failed tries, or empty when that is past {@code
   * giveUpAt}.
   */
  public Optional<Instant> nextTry(int triesMade, Instant now, Instant giveUpAt) {
    long factor = 1L << Math.min(Math.max(triesMade - 1, 0), 20);
    Duration delay = firstDelay.multipliedBy(factor);
    Instant next = now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    return next.isAfter(giveUpAt) ? Optional.empty() : Optional.of(next);
  }
}
