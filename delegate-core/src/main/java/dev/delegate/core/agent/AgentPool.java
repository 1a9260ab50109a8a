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

  /**
   * Continues a conversation the pool keeps because its turn ended with a question ({@link
   * TurnOutcome#NEEDS_INPUT} and a {@link TurnRequest#answerWait} that has not run out): types the
   * answer into that session and watches the agent's next turn, which may ask again.
   *
   * @param timeout how long the agent may work on the answer
   * @return the next turn's result; a {@link TurnOutcome#FAILED} result when no conversation waits
   *     for {@code jobId}
   */
  CompletableFuture<TurnResult> answer(String jobId, String text, java.time.Duration timeout);

  /**
   * Gives up the conversation kept for {@code jobId}: the agent is interrupted if it sits at its
   * question, the conversation is cleared and the worker takes other turns. Nothing when none is
   * kept.
   */
  void release(String jobId);

  /**
   * Cancels {@code jobId}'s turn wherever it is: a queued turn leaves the queue, a running one has
   * its agent interrupted and its conversation cleared, a kept conversation is released. The turn's
   * result (or the pending answer's) is {@link TurnOutcome#CANCELLED}, its completion does not run
   * for the work, and the worker takes other turns. False when the pool has nothing of that job.
   */
  boolean cancel(String jobId);

  /** A consistent view of the workers and the queue. */
  PoolSnapshot snapshot();

  /**
   * Calls {@code listener} after each change a {@link #snapshot} shows (a worker's state, task,
   * restarts or turns, the queue's length; not the clocks), on the thread that made it: it must
   * only hand the news on and never block. A call may come without a visible change. A pool that
   * cannot tell (one reached over the network, say) never calls it; its viewers look at snapshots
   * now and then.
   */
  Subscription onChange(Runnable listener);

  /** Ends an {@link #onChange} subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** Stops every session and fails the turns still queued. */
  @Override
  void close();
}
