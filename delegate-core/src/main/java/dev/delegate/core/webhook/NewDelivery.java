package dev.delegate.core.webhook;

import java.time.Instant;
import java.util.Objects;

/** A delivery to store, due at once; see {@link Delivery} for the fields. */
public record NewDelivery(
    String id,
    long eventSequence,
    String jobId,
    String event,
    String url,
    String body,
    Instant createdAt,
    Instant giveUpAt) {

  public NewDelivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(giveUpAt, "giveUpAt");
  }
}
