package dev.delegate.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One POST of a delivery.
 *
 * @param node the node that made it
 * @param status the receiver's status code; empty when it did not answer
 * @param error why there was no answer (refused, timed out), or a short note on a non-2xx
 */
public record DeliveryTry(
    Instant at, String node, OptionalInt status, Optional<String> error, Duration duration) {

  public DeliveryTry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(duration, "duration");
  }

  /** A 2xx answer: the delivery is done. */
  public boolean succeeded() {
    return status.isPresent() && status.getAsInt() >= 200 && status.getAsInt() < 300;
  }
}
