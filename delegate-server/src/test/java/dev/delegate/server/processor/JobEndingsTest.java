package dev.delegate.server.processor;

import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskDocument;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.pool.PoolRole;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How each way a job ends shows where a person looks, with real git, the local forge and the
 * scripted agent over HTTP: cancel while queued, running and waiting for an answer (nothing
 * committed, the worker back in the pool and warm), success, failure and timeout; each ending
 * writes TASK.md's status line and the pull request's body, and leaves one comment saying what to
 * do next.
 */
class JobEndingsTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final AtomicInteger BRANCHES = new AtomicInteger();
  @TempDir static Path data;
  private static PoolRole pool;
  private static ProcessorRole processor;
  private static LocalForge forge;
  private static ProcessorClient client;

  @BeforeAll
  static void start() {
    Fixtures.InProcessNode node =
        Fixtures.startInProcess(
            data,
            "--workers",
            "2",
            "--turn-timeout",
            "12s",
            "--input-timeout",
            "60s",
            "--max-attempts",
            "1");
    pool = node.pool();
    processor = node.processor();
    forge = (LocalForge) processor.forge();
    client = new ProcessorClient(processor.port());
  }

  @AfterAll
  static void stop() {
    processor.close();
    pool.close();
  }

  /** A branch with TASK.md and a pull request whose body is TASK.md, as a delegation makes them. */
  private static PullRequest pullRequest(String objective) {
    String branch = "feature/end-" + BRANCHES.incrementAndGet() + "-" + System.nanoTime();
    Task task = Task.of("Ending " + BRANCHES.get(), objective, null, null);
    String markdown = TaskDocument.markdown(task, "scripted agent");
    forge.createBranch(REPO, branch, "main");
    forge.putFile(REPO, branch, TaskDocument.FILE_NAME, markdown, "feat: " + task.title());
    return forge.createPullRequest(REPO, task.title(), markdown, branch, "main");
  }

  private static String submit(String objective) throws Exception {
    PullRequest pr = pullRequest(objective);
    return client.processPr(pr.number(), pr.head(), objective).get("jobId").asText();
  }

  private static void awaitState(String jobId, String state) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> client.state(jobId).equals(state));
  }

  private static HttpResponse<String> cancel(String jobId, String body) throws Exception {
    return client.post("/api/jobs/" + jobId + "/cancel", body);
  }

  private static int prNumber(String jobId) throws Exception {
    return client.job(jobId).get("prNumber").asInt();
  }

  private static String branch(String jobId) throws Exception {
    return client.job(jobId).get("branch").asText();
  }

  /** TASK.md's status line and the pull request's body both carry {@code status}. */
  private static void assertShown(String jobId, String status) throws Exception {
    String task = Fixtures.show(forge, branch(jobId), TaskDocument.FILE_NAME);
    assertThat(task.lines().filter(l -> l.startsWith("⏳"))).as("TASK.md of " + jobId).isEmpty();
    assertThat(task).as("TASK.md of " + jobId).contains(status);
    assertThat(forge.pullRequest(REPO, prNumber(jobId)).orElseThrow().body())
        .as("pull request body of " + jobId)
        .contains(status)
        .doesNotContain("⏳");
  }

  /** No commit of the job's on its branch: nothing but TASK.md's creation and its status. */
  private static void assertNothingCommitted(String jobId) throws Exception {
    List<String> commits = Fixtures.commitsAfter(forge, "main", branch(jobId));
    assertThat(commits).as("commits of " + jobId).noneMatch(c -> c.endsWith("|" + jobId));
    assertThat(commits).as("commits of " + jobId).noneMatch(c -> c.startsWith("feat: implement"));
  }

  private static String lastComment(String jobId) throws Exception {
    return forge.comments(REPO, prNumber(jobId)).getLast();
  }

  private static int restarts() {
    return pool.pool().snapshot().workers().stream().mapToInt(w -> w.restarts()).sum();
  }

  private static void awaitWorkersFree() {
    await()
        .atMost(WAIT)
        .until(
            () ->
                pool.pool().snapshot().workers().stream().allMatch(w -> w.state().equals("READY")));
  }

  @Test
  void should_cancel_a_queued_a_running_and_a_waiting_job_and_commit_nothing() throws Exception {
    awaitWorkersFree();
    int restartsBefore = restarts();
    String running = submit("scenario:think-60");
    awaitState(running, "RUNNING");
    String waiting = submit("scenario:ask-then-write");
    awaitState(waiting, "NEEDS_INPUT");
    String queued = submit("scenario:note-queued-think-0");
    Thread.sleep(300);
    assertThat(client.state(queued)).isEqualTo("QUEUED");

    HttpResponse<String> fromQueue = cancel(queued, "");
    assertThat(fromQueue.statusCode()).isEqualTo(200);
    assertThat(fromQueue.body()).contains("\"status\":\"cancelled\"").contains("CANCELLED");
    HttpResponse<String> fromAgent = cancel(running, "{\"reason\":\"wrong task\"}");
    assertThat(fromAgent.statusCode()).isEqualTo(202);
    assertThat(fromAgent.body()).contains("\"status\":\"cancelling\"");
    assertThat(cancel(waiting, "").statusCode()).isEqualTo(202);

    awaitState(running, "CANCELLED");
    awaitState(waiting, "CANCELLED");
    assertThat(client.job(running).get("failure").asText())
        .isEqualTo("cancelled by a person: wrong task");
    assertThat(client.job(waiting).get("question").isNull()).isTrue();
    for (String job : List.of(queued, running, waiting)) {
      assertNothingCommitted(job);
      assertShown(job, "❌ Cancelled: cancelled by a person");
      assertThat(lastComment(job))
          .contains("the job was cancelled")
          .contains("bin/delegate retry " + job);
    }
    assertThat(Fixtures.show(forge, branch(waiting), "exports/report.txt"))
        .contains("does not exist");
    HttpResponse<String> late =
        client.post("/api/jobs/" + waiting + "/input", "{\"text\":\"report\"}");
    assertThat(late.statusCode()).isEqualTo(409);
    awaitWorkersFree();
    assertThat(restarts()).as("interrupted, not killed").isEqualTo(restartsBefore);
  }

  @Test
  void should_refuse_to_cancel_an_ended_or_unknown_job_or_a_bad_reason() throws Exception {
    String failed = submit("zero-think");
    awaitState(failed, "FAILED");
    HttpResponse<String> ended = cancel(failed, "");
    assertThat(ended.statusCode()).isEqualTo(409);
    assertThat(ended.body()).contains("job_ended").contains("FAILED");
    assertThat(cancel("no-such-job", "").statusCode()).isEqualTo(404);
    HttpResponse<String> tooLong = cancel(failed, "{\"reason\":\"" + "x".repeat(2000) + "\"}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(client.state(failed)).isEqualTo("FAILED");
  }

  @Test
  void should_show_success_and_failure_on_task_md_and_the_pull_request() throws Exception {
    String succeeded = submit("scenario:note-shown-think-0");
    String failed = submit("zero-think");
    awaitState(succeeded, "SUCCEEDED");
    awaitState(failed, "FAILED");

    assertShown(succeeded, "✅ Code generated by scripted agent in ");
    assertThat(forge.comments(REPO, prNumber(succeeded)))
        .singleElement()
        .satisfies(c -> assertThat(c).contains("implemented TASK.md"));
    assertShown(failed, "❌ scripted agent failed: the agent made no changes");
    assertThat(forge.comments(REPO, prNumber(failed)))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c)
                    .contains("could not finish")
                    .contains("the agent made no changes")
                    .contains("bin/delegate retry " + failed));
  }

  @Test
  void should_show_a_timeout_on_task_md_and_the_pull_request() throws Exception {
    String job = submit("scenario:think-60");
    awaitState(job, "TIMED_OUT");

    assertShown(job, "❌ scripted agent timed out: the agent did not finish within 12 s");
    assertNothingCommitted(job);
    assertThat(lastComment(job)).contains("did not finish in time").contains("retry");
  }

  @Test
  void should_end_a_job_at_once_when_its_agent_is_killed_and_restart_the_worker() throws Exception {
    awaitWorkersFree();
    int restartsBefore = restarts();
    String job = submit("scenario:think-60");
    awaitState(job, "RUNNING");
    int worker =
        pool.pool().snapshot().workers().stream()
            .filter(w -> w.busy())
            .findFirst()
            .orElseThrow()
            .id();
    Path directory = data.resolve("workers").resolve(String.valueOf(worker)).toRealPath();
    ProcessHandle agent =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().commandLine().orElse("").contains("ScriptedAgent"))
            .filter(p -> directory.equals(cwd(p)))
            .findFirst()
            .orElseThrow();

    long killed = System.nanoTime();
    agent.destroyForcibly(); // SIGKILL, as the kernel's OOM killer would

    awaitState(job, "FAILED");
    assertThat(Duration.ofNanos(System.nanoTime() - killed))
        .as("noticed at once, not at the 12 s turn timeout")
        .isLessThan(Duration.ofSeconds(8));
    assertThat(client.job(job).get("failure").asText()).contains("exited with code 137");
    assertShown(job, "❌ scripted agent failed: ");
    awaitWorkersFree();
    assertThat(restarts()).isEqualTo(restartsBefore + 1);
  }

  private static Path cwd(ProcessHandle process) {
    try {
      return Path.of("/proc", String.valueOf(process.pid()), "cwd").toRealPath();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  @Test
  void should_cancel_many_jobs_at_once_and_still_finish_the_others() throws Exception {
    awaitWorkersFree();
    int restartsBefore = restarts();
    List<String> doomed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      doomed.add(submit("scenario:think-60"));
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      kept.add(submit("scenario:note-kept" + i + "-think-0"));
    }
    await().atMost(WAIT).until(() -> client.state(doomed.get(1)).equals("RUNNING"));

    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    try (var threads = Executors.newFixedThreadPool(doomed.size())) {
      for (String id : doomed) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                    return cancel(id, "").statusCode();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                threads));
      }
      go.countDown();
      for (CompletableFuture<Integer> answer : answers) {
        assertThat(answer.get()).isIn(200, 202);
      }
    }

    for (String id : doomed) {
      awaitState(id, "CANCELLED");
      assertNothingCommitted(id);
    }
    for (int i = 0; i < kept.size(); i++) {
      String id = kept.get(i);
      awaitState(id, "SUCCEEDED");
      assertThat(Fixtures.commitsAfter(forge, "main", branch(id)))
          .filteredOn(c -> c.startsWith("feat: implement"))
          .singleElement()
          .satisfies(c -> assertThat(c).endsWith("|" + id));
      assertThat(Fixtures.show(forge, branch(id), "notes/kept" + i + ".md")).contains("Note kept");
    }
    awaitWorkersFree();
    assertThat(restarts()).as("interrupted, not killed").isEqualTo(restartsBefore);
  }
}
