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

  PendingTurn(TurnRequest request, Instant submittedAt) {
    this.request = request;
    this.submittedAt = submittedAt;
  }
}
