package dev.delegate.bench;

import dev.delegate.core.job.Job;
import dev.delegate.core.node.NodeRecord;
import dev.delegate.testkit.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Worker nodes added to one PostgreSQL: an API node in this JVM, and 1, then 2 worker nodes, each
 * {@code serve --roles processor,pool} in a JVM of its own with its own data directory, reaching
 * the API node's local forge over HTTP ({@code --forge-url}). For each count, the same tasks are
 * posted at once and timed from the first POST to the last job's end, every branch checked; first
 * on a scenario that thinks (capacity is sessions, so a second node should double it), then with no
 * think at all (where Delegate itself is the limit). Also the memory a worker node takes with its
 * sessions, and the CPU it spends per task.
 */
public final class ScaleBench {
  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 80;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    double think = args.length > 2 ? Double.parseDouble(args[2]) : 2.0;
    System.out.printf(
        Locale.ROOT,
        "cpus %d, java %s; %d tasks, %d sessions per worker node%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        tasks,
        workers);
    PostgresServer postgres = PostgresServer.shared();
    double[] thinking = new double[3];
    double[] bare = new double[3];
    for (int nodes = 1; nodes <= 2; nodes++) {
      thinking[nodes] = run(postgres, nodes, workers, tasks, think);
    }
    for (int nodes = 1; nodes <= 2; nodes++) {
      bare[nodes] = run(postgres, nodes, workers, tasks, 0);
    }
    System.out.printf(
        Locale.ROOT,
        "%nscale-out, think %.1f s: 2 worker nodes did %.2fx the tasks/s of one (%.2f vs %.2f)%n",
        think,
        thinking[2] / thinking[1],
        thinking[2],
        thinking[1]);
    System.out.printf(
        Locale.ROOT,
        "no think: %.2f tasks/s with one worker node, %.2f with two (%.2fx)%n",
        bare[1],
        bare[2],
        bare[2] / bare[1]);
    System.exit(0);
  }

  /** One measured run; its tasks per second. */
  private static double run(
      PostgresServer postgres, int nodes, int workers, int tasks, double think) throws Exception {
    Path dir = Files.createTempDirectory("delegate-scale-");
    Path password = dir.resolve("database-password");
    Files.writeString(password, postgres.password() + "\n");
    List<String> database =
        List.of(
            "--database-url",
            postgres.newDatabase(),
            "--database-user",
            PostgresServer.USER,
            "--database-password-file",
            password.toString());
    List<String> api = new ArrayList<>(List.of("--roles", "api"));
    api.addAll(database);
    List<Process> workerNodes = new ArrayList<>();
    try (LoadRun run = LoadRun.start(dir.resolve("api"), 1, api.toArray(String[]::new))) {
      for (int i = 0; i < nodes; i++) {
        workerNodes.add(startWorkerNode(dir.resolve("w" + i), run.apiPort(), workers, database));
      }
      awaitWorkers(run, nodes, workers);
      long rssIdle = rssKb(workerNodes);
      run.awaitEnd(run.postAll("warm", 2 * workers * nodes, 0, 16), Duration.ofMinutes(3));
      double cpuBefore = cpuMs(workerNodes);
      List<LoadRun.Submitted> posted = run.postAll("t", tasks, think, tasks);
      Map<String, Job> jobs = run.awaitEnd(posted, Duration.ofMinutes(15));
      double cpu = cpuMs(workerNodes) - cpuBefore;
      long rssAfter = rssKb(workerNodes);
      Instant first =
          posted.stream().map(LoadRun.Submitted::postedAt).min(Instant::compareTo).orElseThrow();
      Instant last = posted.stream().map(s -> run.endedAt(s.jobId())).max(Instant::compareTo).get();
      double seconds = Duration.between(first, last).toMillis() / 1000.0;
      long correct =
          posted.stream().filter(s -> run.check(s, jobs.get(s.jobId())).isEmpty()).count();
      double perSecond = tasks / seconds;
      System.out.printf(
          Locale.ROOT,
          "%d worker node(s) x %d sessions, think %.1f s: %.2f tasks/s (%d tasks in %.1f s),"
              + " %d correct; worker nodes' CPU %.0f ms per task (JVM and agents);"
              + " RSS per worker node with its sessions %.0f MiB idle, %.0f MiB after%n",
          nodes,
          workers,
          think,
          perSecond,
          tasks,
          seconds,
          correct,
          cpu / tasks,
          rssIdle / 1024.0 / nodes,
          rssAfter / 1024.0 / nodes);
      return perSecond;
    } finally {
      for (Process node : workerNodes) {
        NodeProcesses.stop(node);
      }
      deleteQuietly(dir);
    }
  }

  private static Process startWorkerNode(Path data, int apiPort, int workers, List<String> database)
      throws IOException {
    Files.createDirectories(data);
    List<String> options =
        new ArrayList<>(
            List.of("--queue-size", "1000", "--forge-url", "http://127.0.0.1:" + apiPort));
    options.addAll(database);
    return NodeProcesses.workerNode(data, workers, options)
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("node.log").toFile())
        .start();
  }

  /** Until {@code nodes} worker nodes have every session ready, by their heartbeats. */
  private static void awaitWorkers(LoadRun run, int nodes, int workers) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      long ready =
          run.nodeStore().nodes().stream()
              .filter(n -> n.roles().contains("pool") && n.stoppedAt().isEmpty())
              .filter(n -> n.heartbeatAt().isAfter(Instant.now().minusSeconds(15)))
              .mapToInt(NodeRecord::workersReady)
              .filter(r -> r == workers)
              .count();
      if (ready == nodes) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            nodes + " worker node(s) not ready in 2 minutes: " + run.nodeStore().nodes());
      }
      Thread.sleep(200);
    }
  }

  /** Resident memory of the worker nodes and every process under them (their agents), in KiB. */
  private static long rssKb(List<Process> nodes) {
    long total = 0;
    for (Process node : nodes) {
      total += rssKb(node.pid());
      total += node.descendants().mapToLong(p -> rssKb(p.pid())).sum();
    }
    return total;
  }

  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return 0;
  }

  /** CPU time of the worker nodes and the processes under them now alive, in ms. */
  private static double cpuMs(List<Process> nodes) {
    double total = 0;
    for (Process node : nodes) {
      total += CpuTime.of(node.pid());
      total += node.descendants().mapToDouble(p -> CpuTime.of(p.pid())).sum();
    }
    return total;
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary folder left behind
    }
  }
}
