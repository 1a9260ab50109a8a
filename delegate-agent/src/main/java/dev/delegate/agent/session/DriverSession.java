package dev.delegate.agent.session;

import dev.delegate.core.agent.Budget;
import java.util.concurrent.CompletableFuture;

/**
 * One warm agent process as the pool sees it, whatever drives it: a terminal ({@link AgentSession})
 * or the Agent Client Protocol ({@code AcpSession}). Turns run one at a time; between them the pool
 * resets the session so the next job starts fresh.
 */
public interface DriverSession extends AutoCloseable {

  /** Starts the agent; the future completes when it can take a prompt. */
  CompletableFuture<Void> start();

  /** Forgets the conversation; completes when the agent can take the next job's prompt. */
  CompletableFuture<Void> reset();

  /** Stops the running turn; completes when the agent can take a prompt again. */
  CompletableFuture<Void> interrupt(long graceMillis);

  /**
   * Sends the prompt and follows the turn until its end. A turn whose reported spending goes past
   * {@code budget} fails with {@link BudgetReachedException} (drivers that see no spending ignore
   * it). Must be called while the session can take a prompt.
   */
  CompletableFuture<TurnEnd> runTurn(String prompt, Budget budget);

  /**
   * Stops watching whatever runs (a turn past its timeout, a stalled agent, a failed reset) so the
   * session can be interrupted or restarted.
   *
   * @return what the last turn produced so far
   */
  TurnEnd abandonTurn(Throwable reason);

  /**
   * Where the session's output goes while a turn runs: {@code raw} gets what the agent sent as it
   * came (terminal bytes, or protocol lines both ways with secrets removed), {@code view} what a
   * person watching the job sees (the same terminal bytes, or the protocol's messages rendered as
   * terminal text).
   */
  void setTaps(OutputTap raw, OutputTap view);

  /** True when the view is rendered from the raw output rather than being the same bytes. */
  default boolean rendersView() {
    return false;
  }

  /** {@link System#nanoTime()} of the agent's last output, for stall detection. */
  long lastOutputNanos();

  /** Completes with the exit code once the agent process is gone. */
  CompletableFuture<Integer> exited();

  boolean isAlive();

  /** Asks the agent to exit, then kills its process tree. */
  @Override
  void close();

  /** Kills the agent and everything it started, without waiting for any lock. */
  void kill();

  /** Kills the agent; what waits on it fails with {@code reason} (when given). */
  void kill(Throwable reason);
}
