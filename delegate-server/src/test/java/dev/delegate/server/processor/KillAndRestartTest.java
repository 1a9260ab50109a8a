package dev.delegate.server.processor;

import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.git.cli.Git;
import dev.delegate.git.local.LocalForge;
import dev.delegate.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor as a real child process, killed with SIGKILL while the agent works, then started
 * again: the job's lease runs out, the job runs again, and the branch gets exactly one commit.
 */
class KillAndRestartTest {
  @TempDir Path data;
  @TempDir Path extra;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    for (Process child : children) {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
    }
  }

  @Test
  void should_finish_a_job_after_kill_9_with_exactly_one_commit() throws Exception {
    String branch = "feature/survive-" + System.currentTimeMillis();
    PullRequest pr;
    String before;
    try (Database database = Database.h2File(data)) {
      LocalForge forge = new LocalForge(data, new Git(), database.pullRequestStore());
      forge.createRepository(REPO, java.util.Map.of("README.md", "sample\n"));
      pr = Fixtures.pullRequest(forge, branch, Fixtures.task("survive a crash"));
      before = forge.branchHead(REPO, branch).orElseThrow();
    }
    Path profiles = Fixtures.slowProfile(extra, 4);
    int port = Fixtures.freePort();
    ProcessorClient client = new ProcessorClient(port);

    Process first = startProcessor(port, profiles);
    awaitHealthy(client);
    String jobId = client.processPr(pr.number(), branch, "slow-notes crash").get("jobId").asText();
    await().atMost(Duration.ofSeconds(60)).until(() -> client.state(jobId).equals("RUNNING"));
    first.destroyForcibly(); // SIGKILL: no shutdown hook runs
    first.waitFor();

    Process second = startProcessor(port, profiles);
    awaitHealthy(client);
    await().atMost(Duration.ofSeconds(90)).until(() -> client.state(jobId).equals("SUCCEEDED"));

    JsonNode job = client.job(jobId);
    assertThat(job.get("attempts").asInt()).isEqualTo(2);
    assertThat(job.get("events").findValuesAsText("message"))
        .anySatisfy(m -> assertThat(m).contains("lease"));
    second.destroy(); // SIGTERM: closes the store, so this test may open it
    assertThat(second.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    try (Database database = Database.h2File(data)) {
      LocalForge forge = new LocalForge(data, new Git(), database.pullRequestStore());
      assertThat(Fixtures.commitsAfter(forge, before, branch))
          .containsExactly("feat: implement feature via scripted agent|" + jobId);
      assertThat(Fixtures.show(forge, branch, "NOTES-crash.md")).contains("Notes for crash");
    }
  }

  @Test
  void should_give_up_on_a_job_whose_node_is_killed_on_every_attempt() throws Exception {
    String branch = "feature/doomed-" + System.currentTimeMillis();
    PullRequest pr;
    try (Database database = Database.h2File(data)) {
      LocalForge forge = new LocalForge(data, new Git(), database.pullRequestStore());
      forge.createRepository(REPO, java.util.Map.of("README.md", "sample\n"));
      pr = Fixtures.pullRequest(forge, branch, Fixtures.task("bring the node down"));
    }
    Path profiles = Fixtures.slowProfile(extra, 30);
    int port = Fixtures.freePort();
    ProcessorClient client = new ProcessorClient(port);
    String jobId = null;

    for (int attempt = 1; attempt <= 2; attempt++) {
      Process node = startProcessor(port, profiles, "--max-attempts", "2");
      awaitHealthy(client);
      if (jobId == null) {
        jobId = client.processPr(pr.number(), branch, "slow-notes doomed").get("jobId").asText();
      }
      String id = jobId;
      int expected = attempt;
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  client.state(id).equals("RUNNING")
                      && client.job(id).get("attempts").asInt() == expected);
      node.destroyForcibly(); // the task brings its node down, every time
      node.waitFor();
    }
    Process last = startProcessor(port, profiles, "--max-attempts", "2");
    awaitHealthy(client);
    String id = jobId;

    await().atMost(Duration.ofSeconds(60)).until(() -> client.state(id).equals("FAILED"));
    JsonNode job = client.job(id);
    assertThat(job.get("attempts").asInt()).isEqualTo(2);
    assertThat(job.get("failure").asText())
        .contains("gave up after 2 attempt(s)")
        .contains("stopped answering");
    Thread.sleep(3_000); // longer than the lease: nothing takes the job again
    assertThat(client.job(id).get("attempts").asInt()).isEqualTo(2);
    assertThat(client.state(id)).isEqualTo("FAILED");
    last.destroy();
    assertThat(last.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    try (Database database = Database.h2File(data)) {
      LocalForge forge = new LocalForge(data, new Git(), database.pullRequestStore());
      assertThat(forge.comments(REPO, pr.number()))
          .singleElement()
          .satisfies(c -> assertThat(c).contains("gave up after 2 attempt(s)"));
      assertThat(Fixtures.show(forge, branch, "TASK.md")).contains("❌ ");
    }
  }

  private Process startProcessor(int port, Path profiles, String... more) throws Exception {
    Path log = data.resolve("processor-" + children.size() + ".log");
    List<String> options = new ArrayList<>(List.of("--lease", "2s"));
    options.addAll(List.of(more));
    Process child = Fixtures.startNode(data, port, profiles, log, options.toArray(String[]::new));
    children.add(child);
    return child;
  }

  private static void awaitHealthy(ProcessorClient client) {
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> client.get("/health").statusCode() == 200);
  }
}
