package dev.delegate.bench;

import dev.delegate.agent.pool.PoolConfig;
import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.server.metrics.NodeMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cost of metrics on the worker pool's turns: one scripted worker (PTY) runs zero-think turns,
 * half of them, chosen at random, watched by {@link NodeMetrics} (the observer subscribed before
 * the turn and unsubscribed after it), so that both kinds see the same machine, pool and session.
 * Per turn: submit to result, and the pool's overhead (that minus the agent's own time, from its
 * clock as in {@link PoolBench}). Then the cost of one scrape of {@code /metrics}' text, with the
 * pool's gauges and the JVM's, timed over many scrapes.
 */
public final class MetricsBench {
  private static final int WARM_UP = 20;

  private static final String[] MODES = {"without metrics", "with metrics"};
  private static final int SCRAPES = 200;

  private record Turn(int mode, String prompt, Instant submitted, Instant delivered) {}

  public static void main(String[] args) throws Exception {
    int turns = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    Path data = Files.createTempDirectory("delegate-bench-metrics-");
    Path log = data.resolve("agent-events.log");
    System.out.printf(
        Locale.ROOT,
        "metrics benchmark: %d zero-think turns, half of them with metrics; %d scrapes%n",
        2 * turns,
        SCRAPES);
    System.out.println(
        "cpus " + Runtime.getRuntime().availableProcessors() + ", java " + Runtime.version());
    List<Turn> measured = new ArrayList<>();
    Stats scrapes = new Stats();
    try (WorkerPool pool = pool(data, log);
        NodeMetrics metrics = NodeMetrics.create()) {
      awaitReady(pool);
      for (int i = 0; i < WARM_UP; i++) {
        var unused = turn(pool, "zero-think warm-up " + i, 0);
      }
      java.util.Random order = new java.util.Random(42);
      for (int i = 0; i < 2 * turns; i++) {
        int mode = order.nextBoolean() ? 1 : 0;
        AgentPool.Subscription watching = mode == 1 ? metrics.watch(pool) : () -> {};
        measured.add(turn(pool, "zero-think metrics bench " + i, mode));
        watching.close();
      }
      for (int i = 0; i < SCRAPES + 20; i++) {
        long start = System.nanoTime();
        String text = metrics.scrape();
        if (i >= 20 && !text.isEmpty()) {
          scrapes.add((System.nanoTime() - start) / 1e6);
        }
      }
    }
    report(measured, log);
    System.out.println("one scrape of /metrics' text:    " + scrapes.summary("ms"));
    System.out.printf(
        Locale.ROOT,
        "at Prometheus' default 15 s interval: %.4f %% of one core%n",
        scrapes.median() / 15_000 * 100);
  }

  private static Turn turn(WorkerPool pool, String prompt, int mode) throws Exception {
    Instant submitted = Instant.now();
    TurnResult result =
        pool.submit(new TurnRequest("bench-" + prompt.hashCode(), prompt, Duration.ofSeconds(30)))
            .get(60, TimeUnit.SECONDS);
    Instant delivered = Instant.now();
    if (result.outcome() != TurnOutcome.COMPLETED) {
      throw new IllegalStateException("turn ended " + result.outcome());
    }
    return new Turn(mode, prompt, submitted, delivered);
  }

  private static void report(List<Turn> measured, Path log) throws Exception {
    Map<String, AgentClock.Turn> agent = new HashMap<>();
    for (int tries = 0; tries < 500 && agent.size() < measured.size(); tries++) {
      agent.clear();
      AgentClock.turns(log).forEach(t -> agent.put(t.prompt(), t));
      Thread.sleep(2);
    }
    Stats[] whole = {new Stats(), new Stats()};
    Stats[] overhead = {new Stats(), new Stats()};
    for (Turn turn : measured) {
      int mode = turn.mode();
      double took = millis(turn.submitted(), turn.delivered());
      whole[mode].add(took);
      AgentClock.Turn own = agent.get(turn.prompt());
      if (own != null) {
        overhead[mode].add(took - millis(own.received(), own.ready()));
      }
    }
    for (int mode = 0; mode < MODES.length; mode++) {
      System.out.printf(
          Locale.ROOT, "whole turn, %-18s %s%n", MODES[mode] + ":", whole[mode].summary("ms"));
    }
    for (int mode = 0; mode < MODES.length; mode++) {
      System.out.printf(
          Locale.ROOT,
          "pool overhead, %-15s %s%n",
          MODES[mode] + ":",
          overhead[mode].summary("ms"));
    }
    for (int mode = 1; mode < MODES.length; mode++) {
      System.out.printf(
          Locale.ROOT,
          "ratio of medians, %s / without: whole turn %.3f, pool overhead %.3f (goal < 1.05)%n",
          MODES[mode],
          whole[mode].median() / whole[0].median(),
          overhead[mode].median() / overhead[0].median());
    }
  }

  private static WorkerPool pool(Path data, Path log) {
    Map<String, String> env = new HashMap<>(SessionContext.agentEnvironment());
    env.put("SCRIPTED_AGENT_LOG", log.toString());
    env.put("SCRIPTED_AGENT_LOG_CLOCK", "1");
    SessionContext context =
        new SessionContext(
            ApprovalPolicy.TRUST_ALL,
            Clock.systemUTC(),
            env,
            SessionContext.DEFAULT_MAX_OUTPUT_CHARS);
    return new WorkerPool(
            PoolConfig.defaults(1, data),
            ProfileCatalog.load(Optional.empty()).get("scripted", ProfileVariables.forThisJvm()),
            context)
        .start();
  }

  private static void awaitReady(WorkerPool pool) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!pool.snapshot().workers().stream().allMatch(w -> w.state().equals("READY"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the session was not ready within 60 s");
      }
      Thread.sleep(20);
    }
  }

  private static double millis(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }
}
