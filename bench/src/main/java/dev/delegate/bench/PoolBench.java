package dev.delegate.bench;

import dev.delegate.agent.pool.PoolConfig;
import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Measures the worker pool with the scripted agent, driven through a real PTY ({@code scripted})
 * and over the Agent Client Protocol ({@code scripted-acp}), in one run:
 *
 * <ol>
 *   <li>end-of-turn notice: from the moment the agent printed its prompt (agent's clock) to the
 *       moment the pool noticed it (pool's clock; same machine, same wall clock);
 *   <li>overhead per job: submit-to-result time minus the agent's own time (prompt received to
 *       prompt printed), with the zero-think scenario;
 *   <li>heap per idle session: heap used with N ready sessions minus before, divided by N.
 * </ol>
 */
public final class PoolBench {
  public static void main(String[] args) throws Exception {
    int turns = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    Path data = Files.createTempDirectory("delegate-bench-");
    System.out.printf(
        Locale.ROOT,
        "pool benchmark: %d turns on 1 worker, then %d idle sessions%n",
        turns,
        sessions);
    System.out.println(
        "cpus "
            + Runtime.getRuntime().availableProcessors()
            + ", java "
            + Runtime.version()
            + ", data "
            + data);
    for (String profile : List.of("scripted", "scripted-acp")) {
      System.out.println();
      System.out.println(
          profile + " (" + profile(profile).driver().name().toLowerCase(Locale.ROOT) + " driver)");
      latencyAndOverhead(data.resolve("turns-" + profile), turns, profile);
    }
    System.out.println();
    heapPerSession(data.resolve("idle"), sessions);
  }

  private static void latencyAndOverhead(Path data, int turns, String profile) throws Exception {
    Path log = data.resolve("agent-events.log");
    try (WorkerPool pool = pool(data, 1, log, profile)) {
      awaitReady(pool, Duration.ofSeconds(60));
      Stats notice = new Stats();
      Stats overhead = new Stats();
      Stats total = new Stats();
      for (int i = 0; i < turns + 10; i++) {
        String prompt = "zero-think bench " + i;
        Instant submitted = Instant.now();
        TurnResult result =
            pool.submit(new TurnRequest("bench-" + i, prompt, Duration.ofSeconds(30)))
                .get(60, TimeUnit.SECONDS);
        Instant delivered = Instant.now();
        if (result.outcome() != TurnOutcome.COMPLETED) {
          throw new IllegalStateException(
              "turn " + i + " ended " + result.outcome() + ": " + result.failure().orElse(""));
        }
        if (i < 10) {
          continue; // warm-up
        }
        AgentClock.Turn agent = agentTurn(log, prompt);
        notice.add(millis(agent.ready(), result.endedAt()));
        double whole = millis(submitted, delivered);
        total.add(whole);
        overhead.add(whole - millis(agent.received(), agent.ready()));
      }
      System.out.println("end-of-turn notice after the agent's prompt: " + notice.summary("ms"));
      System.out.println("pool overhead per zero-think job:           " + overhead.summary("ms"));
      System.out.println("whole zero-think turn, submit to result:    " + total.summary("ms"));
    }
  }

  /**
   * The agent's record of the turn. It logs READY once its answer is written, so the answer may be
   * read before the record is there: it is waited for, a second at most.
   */
  private static AgentClock.Turn agentTurn(Path log, String prompt) throws Exception {
    for (int tries = 0; tries < 500; tries++) {
      Optional<AgentClock.Turn> turn =
          AgentClock.turns(log).stream().filter(t -> t.prompt().equals(prompt)).findFirst();
      if (turn.isPresent()) {
        return turn.get();
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException("the agent did not log '" + prompt + "'");
  }

  private static void heapPerSession(Path data, int sessions) throws Exception {
    long before = usedHeapAfterGc();
    Instant start = Instant.now();
    try (WorkerPool pool = pool(data, sessions, data.resolve("agent-events.log"), "scripted")) {
      awaitReady(pool, Duration.ofMinutes(5));
      Duration startup = Duration.between(start, Instant.now());
      long after = usedHeapAfterGc();
      double perSession = (after - before) / (double) sessions / (1024 * 1024);
      System.out.printf(
          Locale.ROOT,
          "heap per idle session (%d sessions): %.3f MB (before %.1f MB, after %.1f MB)%n",
          sessions,
          perSession,
          before / 1048576.0,
          after / 1048576.0);
      System.out.printf(
          Locale.ROOT,
          "all %d sessions ready after %.1f s%n",
          sessions,
          startup.toMillis() / 1000.0);
      System.out.printf(
          Locale.ROOT, "agent processes' resident memory: %.1f MB in all%n", agentRssKb() / 1024.0);
    }
  }

  private static AgentProfile profile(String name) {
    return ProfileCatalog.load(Optional.empty()).get(name, ProfileVariables.forThisJvm());
  }

  private static WorkerPool pool(Path data, int workers, Path log, String name) throws Exception {
    Files.createDirectories(data);
    AgentProfile profile = profile(name);
    Map<String, String> env = new HashMap<>(SessionContext.agentEnvironment());
    env.put("SCRIPTED_AGENT_LOG", log.toString());
    env.put("SCRIPTED_AGENT_LOG_CLOCK", "1");
    SessionContext context =
        new SessionContext(
            ApprovalPolicy.TRUST_ALL,
            Clock.systemUTC(),
            env,
            SessionContext.DEFAULT_MAX_OUTPUT_CHARS);
    return new WorkerPool(PoolConfig.defaults(workers, data), profile, context).start();
  }

  private static void awaitReady(WorkerPool pool, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!pool.snapshot().workers().stream().allMatch(w -> w.state().equals("READY"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("sessions not ready within " + limit);
      }
      Thread.sleep(20);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long agentRssKb() {
    return ProcessHandle.current()
        .descendants()
        .mapToLong(
            p -> {
              try {
                List<String> status = Files.readAllLines(Path.of("/proc", p.pid() + "", "status"));
                return status.stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .sum();
              } catch (Exception e) {
                return 0;
              }
            })
        .sum();
  }

  private static double millis(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }
}
