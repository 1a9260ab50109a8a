package dev.delegate.core.webhook;

/** Where a webhook delivery stands. */
public enum DeliveryState {
  /** Not answered with a 2xx yet; tried again when due, until its retry window ends. */
  PENDING,
  /** A receiver answered a try with a 2xx. */
  DELIVERED,
  /** Every try within the retry window failed; only a redelivery tries again. */
  FAILED
}
