package dev.delegate.git.github;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads GitHub's rate-limit answers (403 or 429): {@code retry-after} seconds, or {@code
 * x-ratelimit-remaining: 0} with {@code x-ratelimit-reset} (epoch seconds), or a secondary-limit
 * message without headers, for which GitHub asks to wait at least a minute.
 */
final class RateLimit {
  static final Duration SECONDARY_LIMIT_WAIT = Duration.ofSeconds(60);

  private RateLimit() {}

  /** How long to wait before trying again, when the answer is a rate limit. */
  static Optional<Duration> waitFor(int status, HttpHeaders headers, String message, Clock clock) {
    if (status != 403 && status != 429) {
      return Optional.empty();
    }
    Optional<Long> retryAfter = number(headers, "retry-after");
    if (retryAfter.isPresent()) {
      return Optional.of(Duration.ofSeconds(Math.max(0, retryAfter.get())));
    }
    Optional<Long> remaining = number(headers, "x-ratelimit-remaining");
    Optional<Long> reset = number(headers, "x-ratelimit-reset");
    if (remaining.isPresent() && remaining.get() == 0 && reset.isPresent()) {
      Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(reset.get()));
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
    if (status == 429
        || (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("rate limit"))) {
      return Optional.of(SECONDARY_LIMIT_WAIT);
    }
    return Optional.empty();
  }

  private static Optional<Long> number(HttpHeaders headers, String name) {
    try {
      return headers.firstValue(name).map(String::strip).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
