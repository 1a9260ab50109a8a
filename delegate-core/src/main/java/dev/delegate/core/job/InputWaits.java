package dev.delegate.core.job;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the jobs of this node that wait for a person's answer: an answer stored for a job ({@link
 * JobStore#provideInput}) is looked for at once when this node is told, and every tick otherwise
 * (the answer may have come through another node).
 */
final class InputWaits {
  private final ConcurrentHashMap<String, Semaphore> waiting = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Looks for an answer to {@code jobId} now, if this node has the job waiting. */
  void signal(String jobId) {
    Semaphore semaphore = waiting.get(jobId);
    if (semaphore != null) {
      semaphore.release();
    }
  }

  /** Stops every wait: the node is shutting down. */
  void close() {
    closed = true;
    waiting.values().forEach(Semaphore::release);
  }

  boolean isClosed() {
    return closed;
  }

  /** Waits up to {@code tick} for a signal for {@code jobId}. */
  void pause(String jobId, Duration tick) throws InterruptedException {
    Semaphore semaphore = waiting.computeIfAbsent(jobId, id -> new Semaphore(0));
    if (!closed) {
      semaphore.tryAcquire(tick.toMillis(), TimeUnit.MILLISECONDS);
    }
    semaphore.drainPermits();
  }

  void forget(String jobId) {
    waiting.remove(jobId);
  }
}
