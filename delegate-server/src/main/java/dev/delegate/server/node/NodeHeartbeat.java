package dev.delegate.server.node;

import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.PoolSnapshot;
import dev.delegate.core.agent.WorkerSnapshot;
import dev.delegate.core.node.NodeRecord;
import dev.delegate.core.node.NodeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's row in the node registry: a heartbeat every {@link #INTERVAL} with its roles,
 * address and workers; on a clean stop, a last write saying so. A node silent for {@link #SILENCE}
 * is shown as gone.
 */
public final class NodeHeartbeat implements AutoCloseable {
  public static final Duration INTERVAL = Duration.ofSeconds(5);
  public static final Duration SILENCE = INTERVAL.multipliedBy(3);
  public static final String VERSION = "0.1.0";
  private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);

  private final NodeStore store;
  private final String id;
  private final List<String> roles;
  private final String address;
  private final Optional<AgentPool> pool;
  private final Clock clock;
  private final Instant startedAt;
  private final AtomicBoolean failing = new AtomicBoolean();
  private final ScheduledExecutorService timer;

  private NodeHeartbeat(
      NodeStore store,
      String id,
      List<String> roles,
      String address,
      Optional<AgentPool> pool,
      Clock clock) {
    this.store = store;
    this.id = id;
    this.roles = List.copyOf(roles);
    this.address = address;
    this.pool = pool;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("node-heartbeat").unstarted(r));
  }

  /** Writes the first heartbeat now (a store that cannot be written fails the start), then more. */
  public static NodeHeartbeat start(
      NodeStore store,
      String id,
      List<String> roles,
      String address,
      Optional<AgentPool> pool,
      Clock clock) {
    NodeHeartbeat heartbeat = new NodeHeartbeat(store, id, roles, address, pool, clock);
    store.heartbeat(heartbeat.record());
    var unused =
        heartbeat.timer.scheduleWithFixedDelay(
            heartbeat::beat, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return heartbeat;
  }

  private NodeRecord record() {
    int ready = 0;
    int busy = 0;
    if (pool.isPresent()) {
      PoolSnapshot snapshot = pool.get().snapshot();
      for (WorkerSnapshot worker : snapshot.workers()) {
        if (worker.busy()) {
          busy++;
        } else if (worker.ready()) {
          ready++;
        }
      }
    }
    return new NodeRecord(
        id, roles, address, VERSION, startedAt, clock.instant(), ready, busy, Optional.empty());
  }

  private void beat() {
    try {
      store.heartbeat(record());
      if (failing.getAndSet(false)) {
        LOG.info("node heartbeat written again");
      }
    } catch (RuntimeException e) {
      if (!failing.getAndSet(true)) {
        LOG.warn(
            "cannot write this node's heartbeat ({}); trying every {} s",
            e.getMessage(),
            INTERVAL.toSeconds());
      }
    }
  }

  /** Stops the heartbeats and records the clean stop. */
  @Override
  public void close() {
    timer.shutdown(); // no interrupt: one landing in a store write would break H2's file
    try {
      var unusedDone = timer.awaitTermination(INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      var unused = store.stopped(id, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("cannot record this node's stop: {}", e.getMessage());
    }
  }
}
