package dev.delegate.store;

import dev.delegate.core.node.NodeRecord;
import dev.delegate.core.node.NodeStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link NodeStore} on the {@code nodes} table. A heartbeat updates the node's row, or inserts it
 * when there is none: each node writes only its own row, so the two never race for one id.
 */
public final class JdbcNodeStore implements NodeStore {
  private final Transactions tx;

  JdbcNodeStore(Jdbi jdbi) {
    this.tx = new Transactions(jdbi);
  }

  @Override
  public void heartbeat(NodeRecord node) {
    tx.inTransaction(
        h -> {
          int updated =
              h.createUpdate(
                      "UPDATE nodes SET roles = :roles, address = :address, version = :version,"
                          + " started_at = :started, heartbeat_at = :beat, workers_ready = :ready,"
                          + " workers_busy = :busy, stopped_at = NULL WHERE id = :id")
                  .bindMap(row(node))
                  .execute();
          if (updated == 0) {
            h.createUpdate(
                    "INSERT INTO nodes (id, roles, address, version, started_at, heartbeat_at,"
                        + " workers_ready, workers_busy) VALUES (:id, :roles, :address, :version,"
                        + " :started, :beat, :ready, :busy)")
                .bindMap(row(node))
                .execute();
          }
          return null;
        });
  }

  private static java.util.Map<String, Object> row(NodeRecord node) {
    return java.util.Map.of(
        "id", node.id(),
        "roles", String.join(",", node.roles()),
        "address", node.address(),
        "version", node.version(),
        "started", node.startedAt().toEpochMilli(),
        "beat", node.heartbeatAt().toEpochMilli(),
        "ready", node.workersReady(),
        "busy", node.workersBusy());
  }

  @Override
  public boolean stopped(String id, Instant at) {
    return tx.inTransaction(
        h ->
            h.createUpdate("UPDATE nodes SET stopped_at = :at WHERE id = :id")
                    .bind("at", at.toEpochMilli())
                    .bind("id", id)
                    .execute()
                == 1);
  }

  @Override
  public List<NodeRecord> nodes() {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, roles, address, version, started_at, heartbeat_at, workers_ready,"
                        + " workers_busy, stopped_at FROM nodes ORDER BY heartbeat_at DESC, id")
                .map(
                    (rs, ctx) -> {
                      long stopped = rs.getLong("stopped_at");
                      Optional<Instant> stoppedAt =
                          rs.wasNull()
                              ? Optional.empty()
                              : Optional.of(Instant.ofEpochMilli(stopped));
                      return new NodeRecord(
                          rs.getString("id"),
                          Arrays.stream(rs.getString("roles").split(","))
                              .filter(r -> !r.isEmpty())
                              .toList(),
                          rs.getString("address"),
                          rs.getString("version"),
                          Instant.ofEpochMilli(rs.getLong("started_at")),
                          Instant.ofEpochMilli(rs.getLong("heartbeat_at")),
                          rs.getInt("workers_ready"),
                          rs.getInt("workers_busy"),
                          stoppedAt);
                    })
                .list());
  }
}
