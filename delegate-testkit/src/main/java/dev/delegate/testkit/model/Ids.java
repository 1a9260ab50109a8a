package dev.delegate.testkit.model;

import java.util.concurrent.atomic.AtomicLong;

/** Unique ids for messages, responses and tool calls, distinct per server. */
final class Ids {
  private final AtomicLong next = new AtomicLong(1);
  private final String salt;

  Ids(String salt) {
    this.salt = salt;
  }

  String next(String prefix) {
    return prefix + salt + String.format("%06d", next.getAndIncrement());
  }

  /** Told about every tool call the model makes. */
  @FunctionalInterface
  interface Sink {
    void issued(String callId);
  }
}
