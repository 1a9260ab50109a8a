package dev.delegate.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a job that failed for a transient reason runs again: up to {@code maxAttempts} attempts in
 * all, the delay doubling from {@code firstDelay} up to {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(5));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("retry delays must be 0 <= first <= max");
    }
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
