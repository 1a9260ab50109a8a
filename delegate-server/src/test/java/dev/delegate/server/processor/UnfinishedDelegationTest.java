package dev.delegate.server.processor;

import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskDocument;
import dev.delegate.core.task.TaskStore;
import dev.delegate.git.cli.Git;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.http.Http;
import dev.delegate.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed during {@code POST /api/delegate/personal} leaves tasks {@code SUBMITTED} and
 * perhaps a branch, TASK.md or a pull request; the next node to start finishes each one (it gets
 * its job) or fails it with its branch removed, so nothing stays in between. Real node processes,
 * real git, the local forge.
 */
class UnfinishedDelegationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(120);
  @TempDir Path data;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() throws Exception {
    for (int i = 0; i < children.size(); i++) { // the nodes' logs, in the test's report
      Path log = data.resolve("node-" + i + ".log");
      if (java.nio.file.Files.exists(log)) {
        System.out.println("--- node " + i + "\n" + java.nio.file.Files.readString(log));
      }
    }
    for (Process child : children) {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
    }
  }

  private Process startNode(int apiPort) throws Exception {
    Path log = data.resolve("node-" + children.size() + ".log");
    Process node =
        Fixtures.startServe(
            data,
            log,
            List.of(
                "--roles", "api,processor,pool",
                "--workers", "2",
                "--api-port", String.valueOf(apiPort),
                "--pool-port", "0",
                "--processor-port", "0",
                "--finish-delegations-after", "1s"));
    children.add(node);
    await().atMost(WAIT).until(() -> get(apiPort, "/api/tasks") != null);
    return node;
  }

  private static JsonNode get(int port, String path) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Http.JSON.readTree(response.body()) : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static int post(int port, String path, Map<String, Object> body) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static void stop(Process node) throws InterruptedException {
    node.destroy(); // SIGTERM: closes the store, so the test may open it
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void should_finish_each_half_made_delegation_or_fail_it_and_remove_its_branch() throws Exception {
    Instant longAgo = Instant.now().minusSeconds(3600);
    Map<String, String> branches = new HashMap<>();
    try (Database database = Database.h2File(data)) {
      LocalForge forge = new LocalForge(data, new Git(), database.pullRequestStore());
      forge.createRepository(REPO, Map.of("README.md", "sample\n"));
      TaskStore tasks = database.taskStore();
      for (String step : List.of("none", "branch", "task-md", "pull-request", "gone-base")) {
        Task task =
            Task.of(
                "Half " + step, "scenario:note-" + step.replace("-", "") + "-think-0", null, null);
        String branch = "feature/half-" + step;
        String base = step.equals("gone-base") ? "release-9" : "main";
        tasks.create(StoredTask.submitted("task-" + step, task, REPO, base, branch, longAgo));
        branches.put(step, branch);
        String markdown = TaskDocument.markdown(task, "scripted agent");
        if (!step.equals("none") && !step.equals("gone-base")) {
          forge.createBranch(REPO, branch, "main");
        }
        if (step.equals("task-md") || step.equals("pull-request")) {
          forge.putFile(REPO, branch, TaskDocument.FILE_NAME, markdown, "feat: " + task.title());
        }
        if (step.equals("pull-request")) {
          forge.createPullRequest(REPO, task.title(), markdown, branch, "main");
        }
      }
    }
    int port = Fixtures.freePort();

    Process node = startNode(port);

    for (String step : List.of("none", "branch", "task-md", "pull-request")) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  get(port, "/api/tasks/task-" + step).path("state").asText().equals("DELEGATED"));
      String jobId = get(port, "/api/tasks/task-" + step).path("jobId").asText();
      await()
          .atMost(WAIT)
          .until(() -> get(port, "/api/jobs/" + jobId).path("state").asText().equals("SUCCEEDED"));
    }
    await()
        .atMost(WAIT)
        .until(
            () -> get(port, "/api/tasks/task-gone-base").path("state").asText().equals("FAILED"));
    assertThat(get(port, "/api/tasks/task-gone-base").path("failure").asText())
        .contains("could not be finished")
        .contains("release-9");
    stop(node);

    try (Database database = Database.h2File(data)) {
      LocalForge forge = new LocalForge(data, new Git(), database.pullRequestStore());
      List<PullRequest> prs = forge.pullRequests(REPO);
      for (String step : List.of("none", "branch", "task-md", "pull-request")) {
        String branch = branches.get(step);
        assertThat(prs).as(step).filteredOn(p -> p.head().equals(branch)).hasSize(1);
        assertThat(Fixtures.commitsAfter(forge, "main", branch))
            .as("one TASK.md commit and one agent commit on " + branch)
            .filteredOn(c -> c.startsWith("feat: Half") || c.startsWith("feat: implement"))
            .hasSize(2);
      }
      assertThat(forge.branchHead(REPO, branches.get("gone-base"))).isEmpty();
      assertThat(prs).noneMatch(p -> p.head().equals(branches.get("gone-base")));
    }
  }

  @Test
  void should_leave_no_delegation_in_between_after_a_kill_9_under_load() throws Exception {
    int port = Fixtures.freePort();
    Process first = startNode(port);
    ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    AtomicBoolean killed = new AtomicBoolean();
    CountDownLatch someAnswered = new CountDownLatch(5);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      int client = c;
      clients.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; !killed.get() && i < 200; i++) {
                      int status =
                          post(
                              port,
                              "/api/delegate/personal",
                              Map.of(
                                  "title", "Load " + client + "-" + i,
                                  "objective", "scenario:note-l" + client + "x" + i + "-think-0"));
                      answers.add(status);
                      someAnswered.countDown();
                    }
                  }));
    }
    assertThat(someAnswered.await(60, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(150);
    first.destroyForcibly(); // SIGKILL in the middle of delegations
    killed.set(true);
    first.waitFor();
    for (Thread client : clients) {
      client.join();
    }
    assertThat(answers).contains(201, -1);

    Process second = startNode(port);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode tasks = get(port, "/api/tasks?limit=500");
              if (tasks == null) {
                return false;
              }
              for (JsonNode task : tasks.path("tasks")) {
                if (task.path("state").asText().equals("SUBMITTED")) {
                  return false;
                }
              }
              return true;
            });
    JsonNode tasks = get(port, "/api/tasks?limit=500").path("tasks");
    stop(second);

    try (Database database = Database.h2File(data)) {
      LocalForge forge = new LocalForge(data, new Git(), database.pullRequestStore());
      List<PullRequest> prs = forge.pullRequests(REPO);
      Map<String, String> stateOfBranch = new HashMap<>();
      for (JsonNode task : tasks) {
        String state = task.path("state").asText();
        String branch = task.path("branch").asText();
        stateOfBranch.put(branch, state);
        assertThat(state).as(task.toString()).isIn("DELEGATED", "FAILED");
        if (state.equals("DELEGATED")) {
          assertThat(task.path("jobId").isTextual()).as(task.toString()).isTrue();
          assertThat(prs).as(branch).filteredOn(p -> p.head().equals(branch)).hasSize(1);
        } else {
          assertThat(forge.branchHead(REPO, branch)).as(branch).isEmpty();
        }
      }
      for (PullRequest pr : prs) {
        assertThat(stateOfBranch.get(pr.head()))
            .as("the task of pull request #" + pr.number())
            .isEqualTo("DELEGATED");
      }
    }
  }
}
