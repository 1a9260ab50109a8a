package dev.delegate.core.agent;

import java.util.concurrent.CompletableFuture;

/**
 * Warm agent sessions that take prompts. A free, ready session takes a turn at once; otherwise the
 * turn waits in a bounded FIFO queue.
 */
public interface AgentPool extends AutoCloseable {

  /**
   * Queues a turn.
   *
   * @return the turn's result, completed when the agent's turn ends, times out or fails; it never
   *     completes exceptionally for agent failures (those are {@link TurnOutcome#FAILED} results)
   * @throws PoolFullException when every worker is busy and the wait queue is full
   */
  CompletableFuture<TurnResult> submit(TurnRequest request);

  /** A consistent view of the workers and the queue. */
  PoolSnapshot snapshot();

  /** Stops every session and fails the turns still queued. */
  @Override
  void close();
}
