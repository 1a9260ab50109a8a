package dev.delegate.server.web;

import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.PoolSnapshot;
import dev.delegate.core.agent.WorkerSnapshot;
import dev.delegate.server.http.Sse;
import dev.delegate.server.pool.PoolApi;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/workers/events}: the pool's {@code /health} body as an event {@code workers} at
 * once and whenever a worker's state, task, restarts or turns or the queue length change (looked at
 * every {@link #LOOK}; the idle seconds alone do not count as a change).
 */
final class WorkerEventsStream {
  static final java.time.Duration LOOK = java.time.Duration.ofMillis(250);

  private final Sse.Hub hub;
  private final AgentPool pool;

  WorkerEventsStream(Sse.Hub hub, AgentPool pool) {
    this.hub = hub;
    this.pool = pool;
  }

  void handle(Context ctx) {
    hub.stream(ctx, this::run);
  }

  private void run(Sse.Stream stream) {
    Object last = null;
    try {
      while (stream.open()) {
        PoolSnapshot snapshot = pool.snapshot();
        Object key = key(snapshot);
        if (!Objects.equals(key, last)) {
          stream.send("workers", PoolApi.health(snapshot));
          last = key;
        } else {
          stream.heartbeat();
        }
        Thread.sleep(LOOK);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What makes a snapshot different for a viewer: everything but the clocks. */
  private static Object key(PoolSnapshot snapshot) {
    List<Object> workers =
        snapshot.workers().stream()
            .<Object>map(
                (WorkerSnapshot w) ->
                    List.of(w.id(), w.state(), w.currentTask(), w.restarts(), w.turns()))
            .toList();
    return List.of(workers, snapshot.queued());
  }
}
