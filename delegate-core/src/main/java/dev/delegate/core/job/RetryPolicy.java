package dev.delegate.core.job;

import dev.delegate.core.DurationText;
import dev.delegate.core.InvalidSettingException;
import dev.delegate.core.SettingChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a job that failed for a transient reason runs again: up to {@code maxAttempts} attempts in
 * all, the delay doubling from {@code firstDelay} up to {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_FIRST_DELAY, DEFAULT_MAX_DELAY);

  public RetryPolicy {
    SettingChecks.atLeast("maxAttempts", maxAttempts, 1);
    SettingChecks.notNegative("firstDelay", firstDelay);
    SettingChecks.notNegative("maxDelay", maxDelay);
    if (maxDelay.compareTo(firstDelay) < 0) {
      throw new InvalidSettingException(
          "maxDelay",
          "must be at least firstDelay ("
              + DurationText.of(firstDelay)
              + "), was "
              + DurationText.of(maxDelay));
    }
  }

  /**
   * {@code maxAttempts} attempts, the delay doubling from {@code firstDelay} up to {@link
   * #DEFAULT_MAX_DELAY}, or staying at {@code firstDelay} when that is longer.
   */
  public static RetryPolicy of(int maxAttempts, Duration firstDelay) {
    Duration max = firstDelay.compareTo(DEFAULT_MAX_DELAY) > 0 ? firstDelay : DEFAULT_MAX_DELAY;
    return new RetryPolicy(maxAttempts, firstDelay, max);
  }

  /** When the next attempt may start, or empty when {@code attemptsMade} used them all. */
  public Optional<Instant> nextAttempt(int attemptsMade, Instant now) {
    if (attemptsMade >= maxAttempts) {
      return Optional.empty();
    }
    long factor = 1L << Math.min(Math.max(attemptsMade - 1, 0), 20);
    Duration delay = firstDelay.multipliedBy(factor);
    return Optional.of(now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay));
  }
}
