package dev.delegate.core.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event for one webhook URL, stored before its first try and kept with every try.
 *
 * @param id sent as {@code X-Delegate-Delivery}; the same on every try and redelivery
 * @param eventSequence the job event it tells about
 * @param event the event's name, e.g. {@code job.succeeded}
 * @param body the JSON sent, byte for byte the same on every try
 * @param nextTryAt when a pending delivery is tried next
 * @param giveUpAt a pending delivery whose try fails after this moment is {@code FAILED}
 * @param tries oldest first
 */
public record Delivery(
    String id,
    long eventSequence,
    String jobId,
    String event,
    String url,
    String body,
    DeliveryState state,
    Instant createdAt,
    Instant nextTryAt,
    Instant giveUpAt,
    List<DeliveryTry> tries) {

  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(state, "state");
    tries = List.copyOf(tries);
  }
}
