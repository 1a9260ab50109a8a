package dev.delegate.server.delegation;

import dev.delegate.core.node.NodeRecord;
import dev.delegate.core.node.NodeStore;
import dev.delegate.server.node.NodeHeartbeat;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/nodes}: the nodes sharing this store, the most recent heartbeat first, each
 * {@code up}, {@code gone} (silent for {@link NodeHeartbeat#SILENCE}) or {@code stopped}.
 */
final class NodesApi {
  private final NodeStore nodes;
  private final Clock clock;

  NodesApi(NodeStore nodes, Clock clock) {
    this.nodes = nodes;
    this.clock = clock;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/api/nodes", this::list);
  }

  private void list(Context ctx) {
    Instant now = clock.instant();
    List<Map<String, Object>> body = nodes.nodes().stream().map(n -> json(n, now)).toList();
    ctx.json(Map.of("nodes", body));
  }

  private static Map<String, Object> json(NodeRecord node, Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", node.id());
    json.put("roles", node.roles());
    json.put("address", node.address());
    json.put("version", node.version());
    json.put("status", node.status(now, NodeHeartbeat.SILENCE).name().toLowerCase(Locale.ROOT));
    json.put("startedAt", node.startedAt().toString());
    json.put("lastHeartbeat", node.heartbeatAt().toString());
    node.stoppedAt().ifPresent(at -> json.put("stoppedAt", at.toString()));
    json.put("workers", Map.of("ready", node.workersReady(), "busy", node.workersBusy()));
    return json;
  }
}
