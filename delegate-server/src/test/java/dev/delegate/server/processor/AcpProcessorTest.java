package dev.delegate.server.processor;

import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.http.Http;
import dev.delegate.server.pool.PoolRole;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole processor path over ACP: the scripted agent speaking the protocol as Kiro does. */
class AcpProcessorTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  @TempDir static Path data;
  private static PoolRole pool;
  private static ProcessorRole processor;
  private static LocalForge forge;
  private static ProcessorClient client;

  @BeforeAll
  static void start() {
    Fixtures.InProcessNode node =
        Fixtures.startInProcess(
            data, "--workers", "3", "--agent", "scripted-acp", "--max-attempts", "1");
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

  private static String awaitFinal(String jobId) throws Exception {
    await()
        .atMost(WAIT)
        .until(
            () ->
                !List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING")
                    .contains(client.state(jobId)));
    return client.state(jobId);
  }

  @Test
  void should_take_many_pull_requests_at_once_to_one_commit_each() throws Exception {
    List<String> branches = new ArrayList<>();
    List<String> heads = new ArrayList<>();
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      String branch = "feature/acp-" + i + "-" + System.currentTimeMillis();
      PullRequest pr = Fixtures.pullRequest(forge, branch, Fixtures.task("acp note " + i));
      branches.add(branch);
      heads.add(forge.branchHead(REPO, branch).orElseThrow());
      jobs.add(client.processPr(pr.number(), branch, "acp note " + i).get("jobId").asText());
    }

    for (int i = 0; i < jobs.size(); i++) {
      assertThat(awaitFinal(jobs.get(i))).as("job %d", i).isEqualTo("SUCCEEDED");
      assertThat(Fixtures.commitsAfter(forge, heads.get(i), branches.get(i)))
          .containsExactly("feat: implement feature via scripted agent|" + jobs.get(i));
      assertThat(Fixtures.show(forge, branches.get(i), "NOTES.md")).contains("acp note " + i);
      JsonNode job = client.job(jobs.get(i));
      assertThat(job.get("approvals")).isNotEmpty();
      assertThat(job.get("usage").get("costUsd").decimalValue()).isPositive();
      assertThat(job.get("usage").get("credits").decimalValue()).isPositive();
      assertThat(job.get("usage").get("inputTokens").asLong()).isPositive();
      assertThat(job.get("agent").asText()).isNotBlank();
    }
  }

  @Test
  void should_end_a_job_that_goes_past_its_budget_timed_out_and_record_what_it_spent()
      throws Exception {
    String branch = "feature/acp-budget-" + System.currentTimeMillis();
    PullRequest pr = Fixtures.pullRequest(forge, branch, Fixtures.task("spend"));
    String body =
        """
        {"prNumber":%d,"branch":"%s","repo":"sample-app","owner":"local",
         "taskDetails":"scenario:spend-0.75","budget":{"maxCostUsd":0.5}}
        """
            .formatted(pr.number(), branch);
    var accepted = client.post("/api/process-pr", body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String jobId = Http.JSON.readTree(accepted.body()).get("jobId").asText();

    assertThat(awaitFinal(jobId)).isEqualTo("TIMED_OUT");
    JsonNode job = client.job(jobId);
    assertThat(job.toString()).contains("budget reached: cost $");
    assertThat(job.get("usage").get("costUsd").decimalValue()).isGreaterThan(new BigDecimal("0.5"));
    assertThat(job.get("budget").get("maxCostUsd").decimalValue()).isEqualByComparingTo("0.5");
  }
}
