package dev.delegate.agent.pool;

import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A submitted turn and the future its caller waits on. */
final class PendingTurn {
  final TurnRequest request;
  final Instant submittedAt;
  final CompletableFuture<TurnResult> result = new CompletableFuture<>();

  /** Set once by {@link #cancel}; the runner checks it before each step of the turn. */
  volatile boolean cancelled;

  private boolean watching;

  /**
   * The runner watches the agent work on this turn from now on; true when the turn was cancelled
   * already (the caller abandons the watch itself).
   */
  synchronized boolean startWatching() {
    watching = true;
    return cancelled;
  }

  /** The watch is over: a cancel from now on must not abandon what the session does next. */
  synchronized void stopWatching() {
    watching = false;
  }

  /**
   * Cancels the turn once: runs {@code abandonWatch} only while the agent is being watched at this
   * turn's work (not while it is interrupted or reset afterwards). False when it was cancelled
   * before.
   */
  synchronized boolean cancel(Runnable abandonWatch) {
    if (cancelled) {
      return false;
    }
    cancelled = true;
    if (watching) {
      abandonWatch.run();
    }
    return true;
  }

  PendingTurn(TurnRequest request, Instant submittedAt) {
    this.request = request;
    this.submittedAt = submittedAt;
  }
}
