package dev.delegate.server.processor;

import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobState;
import dev.delegate.git.cli.Git;
import dev.delegate.git.local.LocalForge;
import dev.delegate.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker node as a real child process stopped with SIGTERM while its agent works: within the
 * shutdown grace the job finishes before the node exits; past it, the job goes back to the queue
 * without using an attempt, and the next node finishes it with exactly one commit.
 */
class GracefulShutdownTest {
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
  void should_return_a_job_cut_off_by_sigterm_to_the_queue_without_using_an_attempt()
      throws Exception {
    Fixture fixture = fixture("feature/drain-");
    Process first = startProcessor(fixture, "1s");
    String jobId = fixture.submit("slow-notes drained");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> fixture.client.state(jobId).equals("RUNNING"));

    first.destroy(); // SIGTERM: the node drains
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the node exits after its grace").isTrue();
    try (Database database = Database.h2File(data)) {
      Job job = database.jobStore().find(jobId).orElseThrow();
      assertThat(job.state()).isEqualTo(JobState.QUEUED);
      assertThat(job.attempts()).as("the cut-off attempt is not counted").isZero();
      assertThat(database.jobStore().events(jobId).getLast().message())
          .isEqualTo("returned to the queue: node shutting down");
    }

    Process second = startProcessor(fixture, "30s");
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions() // until the second node listens
        .until(() -> fixture.client.state(jobId).equals("SUCCEEDED"));
    assertThat(fixture.client.job(jobId).get("attempts").asInt()).isEqualTo(1);
    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(fixture.commits(jobId))
        .containsExactly("feat: implement feature via scripted agent|" + jobId);
  }

  @Test
  void should_let_a_running_job_finish_within_the_grace_before_the_node_exits() throws Exception {
    Fixture fixture = fixture("feature/finish-");
    Process node = startProcessor(fixture, "60s");
    String jobId = fixture.submit("slow-notes finished");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> fixture.client.state(jobId).equals("RUNNING"));

    node.destroy(); // SIGTERM while the agent thinks
    assertThat(node.waitFor(90, TimeUnit.SECONDS)).isTrue();
    try (Database database = Database.h2File(data)) {
      Job job = database.jobStore().find(jobId).orElseThrow();
      assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(job.attempts()).isEqualTo(1);
    }
    assertThat(fixture.commits(jobId))
        .containsExactly("feat: implement feature via scripted agent|" + jobId);
  }

  /** A pull request on the local forge, the slow profile, and a client for the node's port. */
  private final class Fixture {
    final String branch;
    final PullRequest pr;
    final String before;
    final Path profiles;
    final int port;
    final ProcessorClient client;

    Fixture(String branchPrefix) throws Exception {
      branch = branchPrefix + System.currentTimeMillis();
      try (Database database = Database.h2File(data)) {
        LocalForge forge = new LocalForge(data, new Git(), database.pullRequestStore());
        forge.createRepository(REPO, java.util.Map.of("README.md", "sample\n"));
        pr = Fixtures.pullRequest(forge, branch, Fixtures.task("drain " + branch));
        before = forge.branchHead(REPO, branch).orElseThrow();
      }
      profiles = Fixtures.slowProfile(extra, 5);
      port = Fixtures.freePort();
      client = new ProcessorClient(port);
    }

    String submit(String details) throws Exception {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> client.get("/health").statusCode() == 200);
      JsonNode accepted = client.processPr(pr.number(), branch, details);
      return accepted.get("jobId").asText();
    }

    List<String> commits(String jobId) throws Exception {
      try (Database database = Database.h2File(data)) {
        LocalForge forge = new LocalForge(data, new Git(), database.pullRequestStore());
        return Fixtures.commitsAfter(forge, before, branch);
      }
    }
  }

  private Fixture fixture(String branchPrefix) throws Exception {
    return new Fixture(branchPrefix);
  }

  private Process startProcessor(Fixture fixture, String grace) throws Exception {
    Path log = data.resolve("node-" + children.size() + ".log");
    Process child =
        Fixtures.startNode(data, fixture.port, fixture.profiles, log, "--shutdown-grace", grace);
    children.add(child);
    return child;
  }
}
