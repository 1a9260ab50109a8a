package dev.delegate.server.metrics;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.ApprovalRecord;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.PoolSnapshot;
import dev.delegate.core.agent.ToolKind;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The worker pool's metrics: its workers by state and its own queue (read from a snapshot on each
 * scrape), and, as the pool tells its observer, turns by outcome, approval decisions by verdict and
 * tool kind, and session restarts by reason.
 */
final class PoolMetrics implements WorkerPool.Observer {
  /** The states a worker's snapshot shows ({@code WorkerSnapshot#state}). */
  static final List<String> WORKER_STATES =
      List.of("STARTING", "READY", "BUSY", "RESTARTING", "STOPPED");

  /** The reasons {@link WorkerPool.Observer#sessionRestarting} gives. */
  static final List<String> RESTART_REASONS =
      List.of("not_ready", "exited", "stalled", "turn_failed");

  private final MeterRegistry registry;
  private final Map<TurnOutcome, Counter> turns = new EnumMap<>(TurnOutcome.class);

  private PoolMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (TurnOutcome outcome : TurnOutcome.values()) {
      turns.put(
          outcome,
          Counter.builder("delegate.turns")
              .description("Agent turns the pool ran, by how they ended")
              .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    RESTART_REASONS.forEach(this::restarts);
    for (ApprovalVerdict verdict : ApprovalVerdict.values()) {
      for (ToolKind kind : ToolKind.values()) {
        approvals(verdict.name().toLowerCase(Locale.ROOT), kind.label());
      }
    }
  }

  static AgentPool.Subscription watch(WorkerPool pool, MeterRegistry registry) {
    PoolMetrics metrics = new PoolMetrics(registry);
    if (registry.find("delegate.workers").gauge() != null) {
      return pool.observe(metrics); // watched before: the gauges read it already
    }
    for (String state : WORKER_STATES) {
      Gauge.builder("delegate.workers", pool, p -> count(p.snapshot(), state))
          .description("The pool's workers by state")
          .tag("state", state.toLowerCase(Locale.ROOT))
          .register(registry);
    }
    Gauge.builder("delegate.pool.queued.turns", pool, p -> p.snapshot().queued())
        .description("Turns waiting in the pool for a free worker")
        .register(registry);
    return pool.observe(metrics);
  }

  private static double count(PoolSnapshot snapshot, String state) {
    return snapshot.workers().stream().filter(w -> w.state().equals(state)).count();
  }

  @Override
  public void turnEnded(TurnResult result) {
    turns.get(result.outcome()).increment();
    for (ApprovalRecord approval : result.approvals()) {
      approvals(approval.verdict().name().toLowerCase(Locale.ROOT), approval.kind().label())
          .increment();
    }
  }

  @Override
  public void sessionRestarting(int workerId, String reason) {
    restarts(reason).increment();
  }

  private Counter restarts(String reason) {
    return Counter.builder("delegate.session.restarts")
        .description("Agent sessions killed and started again, by reason")
        .tag("reason", reason)
        .register(registry);
  }

  private Counter approvals(String decision, String kind) {
    return Counter.builder("delegate.approvals")
        .description("Approval prompts answered, by decision and tool kind")
        .tag("decision", decision)
        .tag("kind", kind)
        .register(registry);
  }
}
