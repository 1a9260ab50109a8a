package dev.delegate.scripted;

import java.util.ArrayDeque;

/**
 * The keys typed so far, filled by {@link InputPump} and consumed by the main thread. Typeahead is
 * kept in order; busy steps only pick Ctrl-C out of it ({@link #awaitInterrupt}).
 */
final class Keys {
  private final ArrayDeque<Key> queue = new ArrayDeque<>();
  private boolean ended;
  private boolean discarding;

  synchronized void put(Key key) {
    if (!discarding) {
      queue.add(key);
      notifyAll();
    }
  }

  synchronized void end() {
    ended = true;
    notifyAll();
  }

  /** From now on every key is dropped (the {@code hang} step ignores all input). */
  synchronized void discardAll() {
    discarding = true;
    queue.clear();
  }

  /** The next key; {@link Key#END_OF_INPUT} once input has ended and nothing is left. */
  synchronized Key take() throws InterruptedException {
    while (queue.isEmpty() && !ended) {
      wait();
    }
    return queue.isEmpty() ? Key.END_OF_INPUT : queue.poll();
  }

  /** Like {@link #take()} but gives up after {@code millis}, returning null. */
  synchronized Key poll(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (queue.isEmpty() && !ended) {
      long left = millisUntil(deadline);
      if (left <= 0) {
        return null;
      }
      wait(left);
    }
    return queue.isEmpty() ? Key.END_OF_INPUT : queue.poll();
  }

  /**
   * Waits up to {@code millis} for a Ctrl-C and removes it (the first one) from the queue; other
   * keys stay queued. {@code millis} 0 only checks.
   */
  synchronized boolean awaitInterrupt(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (true) {
      if (queue.remove(Key.INTERRUPT)) {
        return true;
      }
      long left = millisUntil(deadline);
      if (left <= 0) {
        return false;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** Milliseconds until {@code deadlineNanos} ({@link System#nanoTime()}), rounded up. */
  static long millisUntil(long deadlineNanos) {
    long nanos = deadlineNanos - System.nanoTime();
    return nanos <= 0 ? 0 : (nanos + 999_999L) / 1_000_000L;
  }
}
