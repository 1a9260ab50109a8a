package dev.delegate.scripted;

import java.util.Map;

/**
 * Between the stdin reader and a running ACP turn: {@code session/cancel} and the answer to the
 * permission request the turn waits for. One monitor, so a cancel wakes any wait at once.
 */
final class TurnControl {
  private boolean cancelled;
  private Object awaitedId;
  private Map<String, Object> answer;

  synchronized void cancel() {
    cancelled = true;
    notifyAll();
  }

  synchronized boolean cancelled() {
    return cancelled;
  }

  /** Waits up to {@code millis}; true when the turn was cancelled (at once or meanwhile). */
  synchronized boolean sleep(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (!cancelled) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return false;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        interrupted();
      }
    }
    return true;
  }

  /** Notes the id of the request about to be sent, before it is sent (the answer may be fast). */
  synchronized void expect(Object id) {
    awaitedId = id;
    answer = null;
  }

  /** The response to the expected request, or null when the turn was cancelled first. */
  synchronized Map<String, Object> awaitAnswer() {
    while (answer == null && !cancelled) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted();
      }
    }
    awaitedId = null;
    return cancelled ? null : answer;
  }

  /** From the reader: a response; false when this turn does not wait for that id. */
  synchronized boolean answer(Object id, Map<String, Object> response) {
    if (awaitedId == null || !awaitedId.equals(id)) {
      return false;
    }
    answer = response;
    notifyAll();
    return true;
  }

  /** Nothing interrupts a turn's thread; if something does, the turn ends as cancelled. */
  private void interrupted() {
    Thread.currentThread().interrupt();
    cancelled = true;
  }
}
