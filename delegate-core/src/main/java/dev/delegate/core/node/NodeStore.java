package dev.delegate.core.node;

import java.time.Instant;
import java.util.List;

/** The nodes sharing a store, each kept by its own heartbeats. */
public interface NodeStore {

  /** Records {@code node}'s heartbeat (its {@code heartbeatAt}), adding the node the first time. */
  void heartbeat(NodeRecord node);

  /** Marks a node as stopped cleanly; false when there is no such node. */
  boolean stopped(String id, Instant at);

  /** Every node ever recorded, the most recent heartbeat first. */
  List<NodeRecord> nodes();
}
