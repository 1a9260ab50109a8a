package dev.delegate.bench;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.WorkerSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How many agent sessions fit in a worker node's memory and cores, for each agent: the scripted
 * agent, and the real Claude Code and Codex CLIs against a scripted model (in a JVM of its own, so
 * its CPU is not counted). For each, a pool of {@code sessions} sessions in this JVM: the memory of
 * the sessions' process trees when idle and after {@code turns} turns each (RSS and PSS from {@code
 * /proc}), and the CPU per turn spent by the agents' process trees and by this JVM. Every turn
 * writes one small file, checked afterwards.
 */
public final class SizingBench {
  private static final Duration TURN = Duration.ofMinutes(2);
  private static final Duration SETTLE = Duration.ofSeconds(3);
  private static final Duration IDLE = Duration.ofSeconds(5);

  private SizingBench() {}

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int turns = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path data = Files.createTempDirectory("delegate-sizing-");
    System.out.printf(
        Locale.ROOT,
        "sizing: %d sessions per agent, %d turns per session; cpus %d, java %s, data %s%n",
        sessions,
        turns,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        data);
    ProcessMemory node = NodeBase.idle(data.resolve("node"), Duration.ofSeconds(10));
    System.out.printf(
        Locale.ROOT,
        "worker node's own JVM (serve --roles processor,pool, -Xmx512m, 1 scripted session aside),"
            + " idle: RSS %.0f MiB, PSS %.0f MiB%n",
        node.rssKb() / 1024.0,
        node.pssKb() / 1024.0);
    List<Sizing> results = new ArrayList<>();
    try (SizingModel model = SizingModel.start()) {
      for (SizingAgent agent : SizingAgent.values()) {
        Sizing sizing =
            measure(
                agent, data.resolve(agent.name().toLowerCase(Locale.ROOT)), sessions, turns, model);
        System.out.println(sizing.describe());
        results.add(sizing);
        awaitAgentsGone(model, Duration.ofSeconds(30));
      }
    }
    System.out.println();
    System.out.println(Sizing.tableHeader());
    results.forEach(r -> System.out.println(r.tableRow()));
    System.exit(0);
  }

  private static Sizing measure(
      SizingAgent agent, Path data, int sessions, int turns, SizingModel model) throws Exception {
    ProcessMemory jvmBase = jvmMemoryAfterGc();
    long started = System.nanoTime();
    try (WorkerPool pool =
        agent.start(
            data,
            sessions,
            sessions * turns,
            agent.needsModel ? Optional.of(model) : Optional.empty())) {
      awaitIdle(pool, Duration.ofMinutes(3));
      double startupSeconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(SETTLE.toMillis()); // agents finish their start-up work after showing a prompt
      SessionMemory idle = SessionMemory.now(model.pid());
      run(pool, agent, data, "w", sessions); // warm-up: one turn per session, not measured
      awaitIdle(pool, TURN);
      Cpu before = Cpu.now(model.pid());
      long start = System.nanoTime();
      int correct = run(pool, agent, data, "t", sessions * turns);
      awaitIdle(pool, TURN); // each turn's reset belongs to it
      double seconds = (System.nanoTime() - start) / 1e9;
      Cpu spent = Cpu.now(model.pid()).minus(before);
      Cpu idleFrom = Cpu.now(model.pid());
      Thread.sleep(IDLE.toMillis()); // what idle sessions cost, and time for memory to settle
      Cpu idleCpu = Cpu.now(model.pid()).minus(idleFrom);
      SessionMemory after = SessionMemory.now(model.pid());
      ProcessMemory jvm = jvmMemoryAfterGc();
      int restarts = pool.snapshot().workers().stream().mapToInt(WorkerSnapshot::restarts).sum();
      return new Sizing(
          agent,
          sessions,
          sessions * turns,
          correct,
          restarts,
          startupSeconds,
          seconds,
          idle,
          after,
          spent,
          idleCpu.per(IDLE),
          jvmBase,
          jvm);
    }
  }

  /** Submits {@code count} turns at once; how many completed and wrote their file. */
  private static int run(WorkerPool pool, SizingAgent agent, Path data, String prefix, int count)
      throws Exception {
    List<String> names = new ArrayList<>();
    List<CompletableFuture<TurnResult>> results = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = prefix + i + "x" + Long.toString(System.nanoTime() % 100_000, 36);
      names.add(name);
      results.add(pool.submit(new TurnRequest("sizing-" + name, agent.prompt(name), TURN)));
    }
    int correct = 0;
    for (int i = 0; i < count; i++) {
      TurnResult result = results.get(i).get(TURN.toSeconds() * count, TimeUnit.SECONDS);
      if (result.outcome() != TurnOutcome.COMPLETED) {
        System.out.println(
            "  turn "
                + names.get(i)
                + " ended "
                + result.outcome()
                + ": "
                + result.failure().orElse(""));
      } else if (wroteFile(data, agent.file(names.get(i)))) {
        correct++;
      } else {
        System.out.println("  turn " + names.get(i) + " completed without writing its file");
      }
    }
    return correct;
  }

  private static boolean wroteFile(Path data, String file) throws Exception {
    try (var workers = Files.list(data.resolve("workers"))) {
      return workers.anyMatch(w -> Files.isRegularFile(w.resolve(file)));
    }
  }

  /** Until every worker is ready and free and nothing is queued. */
  private static void awaitIdle(WorkerPool pool, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      var snapshot = pool.snapshot();
      if (snapshot.queued() == 0
          && snapshot.workers().stream().allMatch(w -> w.state().equals("READY"))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("workers not idle within " + limit + ": " + snapshot);
      }
      Thread.sleep(20);
    }
  }

  private static void awaitAgentsGone(SizingModel model, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (SessionMemory.sessions(model.pid()).findAny().isPresent()
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static ProcessMemory jvmMemoryAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ProcessMemory.of(ProcessHandle.current().pid());
  }
}
