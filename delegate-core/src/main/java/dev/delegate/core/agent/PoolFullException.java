package dev.delegate.core.agent;

import dev.delegate.core.TransientException;

/** Every worker is busy and the wait queue holds as many turns as it may. */
public final class PoolFullException extends TransientException {
  public PoolFullException(int workers, int queueCapacity) {
    super(
        "all "
            + workers
            + " workers are busy and the wait queue is full ("
            + queueCapacity
            + " waiting); retry later or add workers");
  }
}
