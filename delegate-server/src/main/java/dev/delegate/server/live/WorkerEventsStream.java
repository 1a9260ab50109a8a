package dev.delegate.server.live;

import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.PoolSnapshot;
import dev.delegate.core.agent.WorkerSnapshot;
import dev.delegate.server.http.Sse;
import dev.delegate.server.pool.PoolApi;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/workers/events}: the pool's {@code /health} body as an event {@code workers} at
 * once and whenever a worker's state, task, restarts or turns or the queue length change (the idle
 * seconds alone do not count as a change). The pool tells the stream of each change ({@link
 * AgentPool#onChange}); a burst of changes (a turn ending and the next one starting) is sent as one
 * event at most every {@link #BURST}. The pool is also looked at every {@link #LOOK}, for a pool
 * that cannot tell. Each event also names the pool's agent ({@code "agent"}).
 *
 * <p>Served where the pool runs: on the API port of a process with every role, and on the
 * processor's port of a worker node (its registered address), where API nodes follow it for their
 * workers page ({@link NodeWorkers}).
 */
final class WorkerEventsStream {
  static final Duration BURST = Duration.ofMillis(100);
  static final Duration LOOK = Duration.ofSeconds(5);

  private final Sse.Hub hub;
  private final AgentPool pool;
  private final String agent;

  WorkerEventsStream(Sse.Hub hub, AgentPool pool, String agent) {
    this.hub = hub;
    this.pool = pool;
    this.agent = agent;
  }

  void handle(Context ctx) {
    Optional<String> seen = Sse.lastEventId(ctx);
    hub.stream(ctx, stream -> run(stream, seen));
  }

  private void run(Sse.Stream stream, Optional<String> seen) {
    try (AgentPool.Subscription subscription = pool.onChange(stream::wake)) {
      String last = seen.orElse(null); // a client that reconnects has what it was last sent
      while (stream.open()) {
        PoolSnapshot snapshot = pool.snapshot();
        String key = Sse.contentId(key(snapshot));
        if (!Objects.equals(key, last)) {
          stream.send("workers", body(snapshot, agent), key);
          last = key;
          Thread.sleep(BURST); // changes meanwhile wake the next await at once: one event
        }
        stream.await(LOOK);
        stream.heartbeat();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The pool's {@code /health} body and its agent's name. */
  static Map<String, Object> body(PoolSnapshot snapshot, String agent) {
    Map<String, Object> body = new LinkedHashMap<>(PoolApi.health(snapshot));
    body.put("agent", agent);
    return body;
  }

  /** What makes a snapshot different for a viewer: everything but the clocks. */
  static Object key(PoolSnapshot snapshot) {
    List<Object> workers =
        snapshot.workers().stream()
            .<Object>map(
                (WorkerSnapshot w) ->
                    List.of(w.id(), w.state(), w.currentTask(), w.restarts(), w.turns(), w.jobId()))
            .toList();
    return List.of(workers, snapshot.queued());
  }
}
