package dev.delegate.bench;

import dev.delegate.core.job.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The whole pipeline under load, in one JVM with the scripted agent on the local forge:
 *
 * <ul>
 *   <li>{@code load TASKS WORKERS THINK}: TASKS tasks posted at once to the delegation API; tasks/s
 *       from the first POST to the last job's end, every branch checked, time per state;
 *   <li>{@code delegate TASKS}: only the API role; delegation POSTs per second on one repository;
 *   <li>{@code one TASKS}: one task at a time, POST to SUCCEEDED, p50 and p99, beside the bare git
 *       floor for the same steps (branch and TASK.md, prepare, commit, push) in the same run.
 * </ul>
 */
public final class LoadBench {
  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "load";
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Path data = Files.createTempDirectory("delegate-load-");
    System.out.printf(
        Locale.ROOT,
        "cpus %d, java %s, data %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        data);
    switch (mode) {
      case "load" -> {
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        double think = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        String agent = args.length > 4 ? args[4] : "scripted";
        load(data, tasks, workers, think, agent);
      }
      case "delegate" -> delegations(data, tasks);
      case "one" -> oneAtATime(data, tasks);
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    System.exit(0);
  }

  static void load(Path data, int tasks, int workers, double think, String agent) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "load: %d tasks posted at once, %d workers (%s), think %.1f s%n",
        tasks,
        workers,
        agent,
        think);
    try (LoadRun run =
        LoadRun.start(data, workers, "--agent", agent).awaitReady(Duration.ofMinutes(2))) {
      warmUp(run);
      CpuTime before = CpuTime.now(run.agentPids());
      List<LoadRun.Submitted> posted = run.postAll("t", tasks, think, tasks);
      Map<String, Job> jobs = run.awaitEnd(posted, Duration.ofMinutes(20));
      CpuTime used = CpuTime.now(run.agentPids()).minus(before);
      report(run, posted, jobs);
      System.out.printf(
          Locale.ROOT,
          "cpu per task: %.1f ms in this JVM (%.1f ms of it in the kernel), %.1f ms in the agents,"
              + " %.1f ms in git and other child processes%n",
          used.jvmMs() / tasks,
          used.jvmSystemMs() / tasks,
          used.agentsMs() / tasks,
          used.childrenMs() / tasks);
    }
  }

  /** Tasks first, so class loading and the JIT compiling the hot paths do not count. */
  private static void warmUp(LoadRun run) throws Exception {
    List<LoadRun.Submitted> warm = run.postAll("warm", 48, 0, 16);
    run.awaitEnd(warm, Duration.ofMinutes(2));
  }

  static void report(LoadRun run, List<LoadRun.Submitted> posted, Map<String, Job> jobs) {
    Map<String, Integer> states = new TreeMap<>();
    Map<String, Integer> problems = new TreeMap<>();
    Stats post = new Stats();
    Map<String, Stats> steps = new TreeMap<>();
    Instant first = posted.stream().map(LoadRun.Submitted::postedAt).min(Instant::compareTo).get();
    Instant last = first;
    for (LoadRun.Submitted s : posted) {
      Job job = jobs.get(s.jobId());
      states.merge(job.state().name(), 1, Integer::sum);
      post.add(s.postMs());
      Optional<String> problem = run.check(s, job);
      problem.ifPresent(
          p -> problems.merge(p.replaceAll("[0-9a-f]{12,}|t\\d+", "…"), 1, Integer::sum));
      run.timings(s.jobId()).forEach((k, v) -> steps.computeIfAbsent(k, x -> new Stats()).add(v));
      Instant end = run.endedAt(s.jobId());
      last = end.isAfter(last) ? end : last;
    }
    double seconds = Duration.between(first, last).toMillis() / 1000.0;
    System.out.println("states: " + states);
    System.out.printf(
        Locale.ROOT,
        "correct: %d of %d (SUCCEEDED, one agent commit with its own file on its own branch)%n",
        posted.size() - problems.values().stream().mapToInt(Integer::intValue).sum(),
        posted.size());
    problems.forEach((p, n) -> System.out.println("  " + n + " x " + p));
    System.out.printf(
        Locale.ROOT,
        "throughput: %.2f tasks/s (%d tasks in %.2f s, first POST to last end)%n",
        posted.size() / seconds,
        posted.size(),
        seconds);
    System.out.println("POST /api/delegate/personal: " + post.summary("ms"));
    steps.forEach((state, stats) -> System.out.println("  " + state + ": " + stats.summary("ms")));
  }

  static void delegations(Path data, int tasks) throws Exception {
    System.out.printf(Locale.ROOT, "delegate: %d POSTs, 16 at a time, API role only%n", tasks);
    try (LoadRun run = LoadRun.start(data, 1, "--roles", "api")) {
      run.postAll("warm", 16, 0, 16);
      long start = System.nanoTime();
      List<LoadRun.Submitted> posted = run.postAll("d", tasks, 0, 16);
      double seconds = (System.nanoTime() - start) / 1e9;
      Stats post = new Stats();
      posted.forEach(s -> post.add(s.postMs()));
      System.out.printf(
          Locale.ROOT, "delegations: %.1f/s (%d in %.2f s)%n", tasks / seconds, tasks, seconds);
      System.out.println("POST: " + post.summary("ms"));
    }
  }

  static void oneAtATime(Path data, int tasks) throws Exception {
    System.out.printf(Locale.ROOT, "one: %d tasks one at a time, 2 workers%n", tasks);
    Stats delegate = new Stats();
    Stats floor = new Stats();
    try (LoadRun run =
            LoadRun.start(data.resolve("delegate"), 2).awaitReady(Duration.ofMinutes(2));
        GitFloor bare = GitFloor.create(data.resolve("floor"))) {
      warmUp(run);
      for (int i = 0; i < 5; i++) {
        bare.task(i);
      }
      for (int i = 0; i < tasks; i++) {
        long start = System.nanoTime();
        LoadRun.Submitted s = run.post("o" + i, 0);
        Job job = run.awaitEnd(List.of(s), Duration.ofMinutes(1)).get(s.jobId());
        double took = (System.nanoTime() - start) / 1e6;
        run.check(s, job)
            .ifPresent(
                p -> {
                  throw new IllegalStateException("task " + s.name() + ": " + p);
                });
        delegate.add(took);
        double bareMs = bare.task(100 + i);
        floor.add(bareMs);
      }
    }
    System.out.println("POST to SUCCEEDED: " + delegate.summary("ms"));
    System.out.printf(Locale.ROOT, "  p99 %.1f ms%n", delegate.percentile(99));
    System.out.println("bare git floor:    " + floor.summary("ms"));
    System.out.printf(Locale.ROOT, "ratio of medians: %.2f%n", delegate.median() / floor.median());
  }
}
