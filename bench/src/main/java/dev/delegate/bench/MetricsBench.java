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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cost of metrics on the worker pool's turns: one scripted worker (PTY) runs zero-think turns
 * in alternating blocks without metrics and with them (the pool watched by {@link NodeMetrics}, and
 * {@code /metrics} scraped every second meanwhile, fifteen times as often as Prometheus' default).
 * The same pool and session serve both, so that only the metrics differ. Per turn: submit to
 * result, and the pool's overhead (that minus the agent's own time, from its clock as in {@link
 * PoolBench}).
 */
public final class MetricsBench {
  private static final int BLOCK = 25;
  private static final int WARM_UP = 20;

  private record Turn(boolean metrics, String prompt, Instant submitted, Instant delivered) {}

  public static void main(String[] args) throws Exception {
    int turns = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    Path data = Files.createTempDirectory("delegate-bench-metrics-");
    Path log = data.resolve("agent-events.log");
    System.out.printf(
        Locale.ROOT,
        "metrics benchmark: %d zero-think turns without and %d with metrics, blocks of %d%n",
        turns,
        turns,
        BLOCK);
    System.out.println(
        "cpus " + Runtime.getRuntime().availableProcessors() + ", java " + Runtime.version());
    List<Turn> measured = new ArrayList<>();
    try (WorkerPool pool = pool(data, log);
        NodeMetrics metrics = NodeMetrics.create();
        ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor()) {
      awaitReady(pool);
      for (int i = 0; i < WARM_UP; i++) {
        var unused = turn(pool, "zero-think warm-up " + i, false);
      }
      int done = 0;
      for (int block = 0; done < 2 * turns; block++) {
        boolean withMetrics = block % 2 == 1;
        AgentPool.Subscription watching = withMetrics ? metrics.watch(pool) : () -> {};
        var scraping =
            withMetrics
                ? scraper.scheduleAtFixedRate(() -> metrics.scrape(), 0, 1, TimeUnit.SECONDS)
                : null;
        for (int i = 0; i < BLOCK; i++, done++) {
          measured.add(turn(pool, "zero-think metrics bench " + done, withMetrics));
        }
        if (scraping != null) {
          scraping.cancel(false);
        }
        watching.close();
      }
    }
    report(measured, log);
  }

  private static Turn turn(WorkerPool pool, String prompt, boolean metrics) throws Exception {
    Instant submitted = Instant.now();
    TurnResult result =
        pool.submit(new TurnRequest("bench-" + prompt.hashCode(), prompt, Duration.ofSeconds(30)))
            .get(60, TimeUnit.SECONDS);
    Instant delivered = Instant.now();
    if (result.outcome() != TurnOutcome.COMPLETED) {
      throw new IllegalStateException("turn ended " + result.outcome());
    }
    return new Turn(metrics, prompt, submitted, delivered);
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
      int mode = turn.metrics() ? 1 : 0;
      double took = millis(turn.submitted(), turn.delivered());
      whole[mode].add(took);
      AgentClock.Turn own = agent.get(turn.prompt());
      if (own != null) {
        overhead[mode].add(took - millis(own.received(), own.ready()));
      }
    }
    System.out.println("whole turn, without metrics:    " + whole[0].summary("ms"));
    System.out.println("whole turn, with metrics:       " + whole[1].summary("ms"));
    System.out.println("pool overhead, without metrics: " + overhead[0].summary("ms"));
    System.out.println("pool overhead, with metrics:    " + overhead[1].summary("ms"));
    System.out.printf(
        Locale.ROOT,
        "ratio of medians, with / without: whole turn %.3f, pool overhead %.3f (goal < 1.05)%n",
        whole[1].median() / whole[0].median(),
        overhead[1].median() / overhead[0].median());
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
