package dev.delegate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.delegate.core.agent.WorkerSnapshot;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobState;
import dev.delegate.core.node.NodeStore;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.launch.Roles;
import dev.delegate.server.launch.ServeCommand;
import dev.delegate.server.processor.JobJson;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import picocli.CommandLine;

/**
 * The whole service in this JVM (delegation API, PR processor and a pool of scripted agents on the
 * local forge) driven over HTTP the way users drive it: tasks posted to {@code POST
 * /api/delegate/personal}, their jobs followed in the store, and every branch checked afterwards
 * with git. Used by the load benchmark and by the stress test.
 */
public final class LoadRun implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Roles roles;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI delegate;
  private final LocalForge forge;
  private final Set<String> ended = ConcurrentHashMap.newKeySet();

  /** One posted task: its name (the file its agent writes), job, branch and POST timing. */
  public record Submitted(
      String name, String jobId, String branch, Instant postedAt, double postMs) {}

  private LoadRun(Roles roles) {
    this.roles = roles;
    int port = roles.api().orElseThrow().port();
    this.delegate = URI.create("http://127.0.0.1:" + port + "/api/delegate/personal");
    this.forge = (LocalForge) roles.node().orElseThrow().forge();
    roles
        .node()
        .orElseThrow()
        .jobs()
        .subscribe(
            change -> {
              if (change.state().isFinal()) {
                ended.add(change.jobId());
                synchronized (ended) {
                  ended.notifyAll();
                }
              }
            });
  }

  /** Starts {@code serve} with the scripted agent, {@code workers} sessions and any extra flags. */
  public static LoadRun start(Path data, int workers, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--data-dir", data.toString(),
                "--workers", String.valueOf(workers),
                "--queue-size", "1000",
                "--api-port", "0",
                "--pool-port", "0",
                "--processor-port", "0"));
    args.addAll(List.of(extra));
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(args.toArray(String[]::new));
    ServerConfig config = command.toConfig();
    return new LoadRun(Roles.start(config, new PrintStream(OutputStream.nullOutputStream())));
  }

  /** The port of the delegation API. */
  public int apiPort() {
    return roles.api().orElseThrow().port();
  }

  /** The nodes sharing this run's store. */
  public NodeStore nodeStore() {
    return roles.node().orElseThrow().nodes();
  }

  /** Waits until every worker of the pool is ready (none starting). */
  public LoadRun awaitReady(Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    var pool = roles.pool().orElseThrow().pool();
    while (!pool.snapshot().workers().stream().allMatch(WorkerSnapshot::ready)) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("workers not ready within " + limit);
      }
      Thread.sleep(50);
    }
    return this;
  }

  /** The process ids of the pool's agent sessions. */
  public List<Long> agentPids() {
    List<Long> pids = new ArrayList<>();
    ProcessHandle.current()
        .children()
        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .forEach(p -> pids.add(p.pid()));
    return pids;
  }

  /** Posts one task whose agent thinks {@code think} seconds and writes notes/{name}.md. */
  public Submitted post(String name, double think) throws Exception {
    String prompt = "scenario:note-" + name + "-think-" + think;
    String body =
        JSON.writeValueAsString(
            Map.of(
                "title",
                "Load " + name,
                "objective",
                prompt,
                "acceptanceCriteria",
                List.of("notes/" + name + ".md exists")));
    Instant at = Instant.now();
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(delegate)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - start) / 1e6;
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "POST for " + name + " answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode answer = JSON.readTree(response.body());
    return new Submitted(name, answer.get("jobId").asText(), answer.get("branch").asText(), at, ms);
  }

  /** Posts {@code count} tasks, at most {@code inFlight} requests at a time. */
  public List<Submitted> postAll(String prefix, int count, double think, int inFlight)
      throws Exception {
    Semaphore gate = new Semaphore(inFlight);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Submitted>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = prefix + i;
        futures.add(
            threads.submit(
                () -> {
                  gate.acquire();
                  try {
                    return post(name, think);
                  } finally {
                    gate.release();
                  }
                }));
      }
      List<Submitted> posted = new ArrayList<>();
      for (Future<Submitted> future : futures) {
        posted.add(future.get());
      }
      return posted;
    }
  }

  /**
   * Waits until every job ended (or {@code limit} ran out), told by the store's change
   * announcements rather than reading it, and returns the jobs as stored.
   */
  public Map<String, Job> awaitEnd(List<Submitted> posted, Duration limit)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    synchronized (ended) {
      while (!posted.stream().allMatch(s -> ended.contains(s.jobId()))
          && Instant.now().isBefore(deadline)) {
        ended.wait(50);
      }
    }
    Map<String, Job> jobs = new LinkedHashMap<>();
    for (Submitted s : posted) {
      jobs.put(s.jobId(), job(s.jobId()).orElseThrow());
    }
    return jobs;
  }

  public Optional<Job> job(String id) {
    return roles.node().orElseThrow().jobs().find(id);
  }

  /** Milliseconds the job spent in each state, summed over attempts. */
  public Map<String, Long> timings(String jobId) {
    return JobJson.timings(roles.node().orElseThrow().jobs().events(jobId), null);
  }

  /** When the job reached its end state. */
  public Instant endedAt(String jobId) {
    var events = roles.node().orElseThrow().jobs().events(jobId);
    return events.getLast().at();
  }

  /**
   * What is wrong with one task, or empty: the job SUCCEEDED; its branch holds exactly the
   * delegation's TASK.md commit and one agent commit carrying this job's trailer, which is the
   * commit the job recorded; that commit changes exactly TASK.md and notes/{name}.md; the file says
   * it is this task's.
   */
  public Optional<String> check(Submitted task, Job job) {
    if (job.state() != JobState.SUCCEEDED) {
      return Optional.of(job.state() + ": " + job.failure().orElse("(no reason)"));
    }
    Path bare = forge.repositoryPath(dev.delegate.server.node.Node.SAMPLE_REPO);
    List<String> commits =
        PlainGit.run(
                bare,
                Map.of(),
                "log",
                "--format=%H %(trailers:key=Delegate-Job,valueonly,separator=%x2c)",
                "main.." + task.branch())
            .lines()
            .map(String::strip)
            .toList();
    if (commits.size() != 2) {
      return Optional.of(commits.size() + " commits on " + task.branch() + ": " + commits);
    }
    String[] agent = commits.getFirst().split(" ", 2);
    if (agent.length != 2 || !agent[1].equals(job.id())) {
      return Optional.of("head commit of " + task.branch() + " is not this job's: " + commits);
    }
    if (!commits.get(1).strip().matches("[0-9a-f]{40}")) {
      return Optional.of("the delegation commit carries a job trailer: " + commits.get(1));
    }
    if (!job.commitSha().orElse("").equals(agent[0])) {
      return Optional.of("the job recorded " + job.commitSha() + ", the branch has " + agent[0]);
    }
    List<String> files =
        PlainGit.run(bare, Map.of(), "diff-tree", "--no-commit-id", "--name-only", "-r", agent[0])
            .lines()
            .sorted()
            .toList();
    List<String> expected = List.of("TASK.md", "notes/" + task.name() + ".md");
    if (!files.equals(expected)) {
      return Optional.of("the agent commit changes " + files + ", expected " + expected);
    }
    String note = PlainGit.run(bare, Map.of(), "show", agent[0] + ":notes/" + task.name() + ".md");
    if (!note.contains("Note " + task.name() + ",")) {
      return Optional.of("notes/" + task.name() + ".md holds another task's text: " + note);
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    roles.close();
  }
}
