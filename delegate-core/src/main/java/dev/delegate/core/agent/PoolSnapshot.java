package dev.delegate.core.agent;

import java.time.Duration;
import java.util.List;

/** The pool's workers and queue at one moment. */
public record PoolSnapshot(List<WorkerSnapshot> workers, int queued, Duration uptime) {
  public PoolSnapshot {
    workers = List.copyOf(workers);
  }
}
