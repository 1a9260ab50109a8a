package dev.delegate.server.live;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.job.StuckJobs;
import dev.delegate.core.node.NodeRecord;
import dev.delegate.server.http.Sse;
import dev.delegate.server.node.NodeHeartbeat;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The workers of every node, grouped by node, for the workers page of an API node: {@code GET
 * /api/nodes/workers} (once, JSON) and {@code GET /api/nodes/workers/events} (an event {@code
 * nodes} at once and on every change). Each node with a pool is shown with its row of the node
 * registry (id, roles, address, status, heartbeat age) and its pool's {@code /health} body; this
 * node's own pool is read in process.
 *
 * <p>Why relaying the worker nodes' own streams rather than putting worker lists in the heartbeats:
 * each worker node already serves {@code /api/workers/events}, which tells of every change as it
 * happens (a turn starting, a session restarting), so the page stays as live across nodes as it is
 * on one, with no new column, no write to the shared database per worker change, and no second
 * source of truth that could disagree with the pool. The registry still decides which nodes are
 * shown and how they are (up, gone, stopped), so a node that died shows as gone even while its
 * connection hangs. The cost is one connection per watching page and worker node, which is small:
 * few people watch the workers page, and a stream is dropped when its page goes.
 */
final class NodeWorkers {
  /** How often the registry is read again (node statuses, heartbeat ages, new nodes). */
  static final Duration LOOK = Duration.ofSeconds(1);

  static final Duration BURST = Duration.ofMillis(100);

  /** How long a node that stopped or went silent stays on the page. */
  static final Duration RECENT = Duration.ofMinutes(15);

  private static final Duration FIRST_ANSWER = Duration.ofSeconds(5);

  private final Sse.Hub hub;
  private final Relay relay;
  private final Optional<WorkerPool> pool;
  private final String agent;

  private final StuckJobs stuck;

  NodeWorkers(Sse.Hub hub, Relay relay, Optional<WorkerPool> pool, StuckJobs stuck) {
    this.stuck = stuck;
    this.hub = hub;
    this.relay = relay;
    this.pool = pool;
    this.agent = pool.map(p -> p.profile().displayName()).orElse("");
  }

  /** {@code GET /api/nodes/workers}: waits briefly for each node's first answer. */
  void list(Context ctx) throws InterruptedException {
    Map<String, PoolFollower> followers = new HashMap<>();
    try {
      List<NodeRecord> shown = shown(relay.now());
      follow(shown, followers, () -> {});
      long deadline = System.nanoTime() + FIRST_ANSWER.toNanos();
      while (System.nanoTime() < deadline
          && !followers.values().stream().allMatch(PoolFollower::heard)) {
        Thread.sleep(50);
      }
      ctx.json(body(shown, followers, relay.now()));
    } finally {
      followers.values().forEach(PoolFollower::close);
    }
  }

  /** {@code GET /api/nodes/workers/events}. */
  void stream(Context ctx) {
    Optional<String> seen = Sse.lastEventId(ctx);
    hub.stream(ctx, stream -> run(stream, seen));
  }

  private void run(Sse.Stream stream, Optional<String> seen) {
    Map<String, PoolFollower> followers = new HashMap<>();
    AgentPool.Subscription local = pool.isPresent() ? pool.get().onChange(stream::wake) : null;
    try {
      String last = seen.orElse(null); // a client that reconnects has what it was last sent
      while (stream.open()) {
        Instant now = relay.now();
        List<NodeRecord> shown = shown(now);
        follow(shown, followers, stream::wake);
        String key = Sse.contentId(key(shown, followers));
        if (!Objects.equals(key, last)) {
          stream.send("nodes", body(shown, followers, now), key);
          last = key;
          Thread.sleep(BURST); // changes meanwhile wake the next await at once: one event
        }
        stream.await(LOOK);
        stream.heartbeat();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (local != null) {
        local.close();
      }
      followers.values().forEach(PoolFollower::close);
    }
  }

  /**
   * The nodes on the page, by id: this node when it has a pool, every other node with a pool that
   * is up, and one that stopped or went silent less than {@link #RECENT} ago unless a node that is
   * up now answers at its address (it restarted there).
   */
  private List<NodeRecord> shown(Instant now) {
    List<NodeRecord> all = relay.nodes();
    Set<String> upAddresses =
        all.stream().filter(n -> up(n, now)).map(NodeRecord::address).collect(Collectors.toSet());
    List<NodeRecord> shown = new ArrayList<>();
    boolean selfSeen = false;
    for (NodeRecord node : all) {
      boolean self = node.id().equals(relay.self());
      selfSeen |= self;
      if (self ? pool.isEmpty() : !node.roles().contains("pool")) {
        continue;
      }
      Instant lastSeen = node.stoppedAt().orElse(node.heartbeatAt());
      if (self
          || up(node, now)
          || (!upAddresses.contains(node.address()) && lastSeen.isAfter(now.minus(RECENT)))) {
        shown.add(node);
      }
    }
    if (!selfSeen && pool.isPresent()) { // its first heartbeat is not written yet
      shown.add(
          new NodeRecord(
              relay.self(),
              List.of("pool"),
              "",
              NodeHeartbeat.VERSION,
              now,
              now,
              0,
              0,
              Optional.empty()));
    }
    shown.sort(Comparator.comparing(NodeRecord::id));
    return shown;
  }

  /** Follows every other node shown that is up; stops following the others. */
  private void follow(List<NodeRecord> shown, Map<String, PoolFollower> followers, Runnable wake) {
    Instant now = relay.now();
    Map<String, NodeRecord> wanted =
        shown.stream()
            .filter(n -> !n.id().equals(relay.self()) && up(n, now))
            .collect(Collectors.toMap(NodeRecord::id, Function.identity()));
    followers
        .entrySet()
        .removeIf(
            entry -> {
              if (wanted.containsKey(entry.getKey())) {
                return false;
              }
              entry.getValue().close();
              return true;
            });
    wanted.forEach(
        (id, node) -> followers.computeIfAbsent(id, i -> new PoolFollower(relay, node, wake)));
  }

  private static boolean up(NodeRecord node, Instant now) {
    return node.status(now, NodeHeartbeat.SILENCE) == NodeRecord.Status.UP;
  }

  /** What makes the page different: statuses, heartbeats, workers; not the clocks. */
  private Object key(List<NodeRecord> shown, Map<String, PoolFollower> followers) {
    Instant now = relay.now();
    List<Object> key = new ArrayList<>();
    for (NodeRecord node : shown) {
      key.add(List.of(node.id(), node.status(now, NodeHeartbeat.SILENCE), node.heartbeatAt()));
      if (node.id().equals(relay.self())) {
        key.add(WorkerEventsStream.key(pool.orElseThrow().snapshot()));
      } else {
        PoolFollower follower = followers.get(node.id());
        key.add(follower == null ? "" : follower.latest().map(Object.class::cast).orElse(""));
        key.add(follower == null ? "" : follower.problem().orElse(""));
      }
    }
    key.add(stuck.current());
    return key;
  }

  private Map<String, Object> body(
      List<NodeRecord> shown, Map<String, PoolFollower> followers, Instant now) {
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (NodeRecord node : shown) {
      boolean self = node.id().equals(relay.self());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", node.id());
      json.put("roles", node.roles());
      json.put("address", node.address());
      json.put("status", node.status(now, NodeHeartbeat.SILENCE).name().toLowerCase(Locale.ROOT));
      json.put("lastHeartbeat", node.heartbeatAt().toString());
      json.put("heartbeatAge", seconds(Duration.between(node.heartbeatAt(), now)));
      node.stoppedAt().ifPresent(at -> json.put("stoppedAt", at.toString()));
      json.put("self", self);
      PoolFollower follower = followers.get(node.id());
      if (self) {
        json.put("pool", WorkerEventsStream.body(pool.orElseThrow().snapshot(), agent));
      } else {
        json.put("pool", follower == null ? null : follower.latest().orElse(null));
      }
      json.put("problem", follower == null ? null : follower.problem().orElse(null));
      nodes.add(json);
    }
    List<Map<String, Object>> stuckJobs = new ArrayList<>();
    for (StuckJobs.Stuck s : stuck.current()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("jobId", s.jobId());
      json.put("state", s.state().name());
      json.put("since", s.since().toString());
      json.put("limitSeconds", s.limit().toSeconds());
      stuckJobs.add(json);
    }
    return Map.of("nodes", nodes, "stuck", stuckJobs);
  }

  private static double seconds(Duration d) {
    return Math.max(0, Math.round(d.toMillis() / 100.0) / 10.0);
  }
}
