package dev.delegate.server.processor;

import static dev.delegate.server.processor.CriteriaProcessorTest.awaitEnded;
import static dev.delegate.server.processor.CriteriaProcessorTest.checked;
import static dev.delegate.server.processor.CriteriaProcessorTest.criteria;
import static dev.delegate.server.processor.CriteriaProcessorTest.verdicts;
import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.http.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance criteria over ACP: the judging and fix turns are prompts of the same session. */
class AcpCriteriaTest {
  @TempDir Path data;

  @Test
  void should_judge_fix_and_check_again_in_the_same_acp_session() throws Exception {
    try (Fixtures.InProcessNode node =
        Fixtures.startInProcess(
            data, "--workers", "1", "--agent", "scripted-acp", "--max-attempts", "1")) {
      LocalForge forge = (LocalForge) node.processor().forge();
      ProcessorClient client = new ProcessorClient(node.processor().port());
      String branch = "feature/acp-criteria-" + System.nanoTime();
      PullRequest pr = Fixtures.pullRequest(forge, branch, Fixtures.task("acp criteria"));
      ObjectNode body = Http.JSON.createObjectNode();
      body.put("prNumber", pr.number());
      body.put("branch", branch);
      body.put("repo", REPO.name());
      body.put("taskDetails", "scenario:note-acp-think-0");
      body.set(
          "acceptanceCriteria",
          criteria(
              "FIXES.md is there (scenario:miss-once)",
              checked("The note exists", "test -f notes/acp.md")));
      HttpResponse<String> accepted = client.post("/api/process-pr", body.toString());
      String jobId = Http.JSON.readTree(accepted.body()).get("jobId").asText();

      JsonNode job = awaitEnded(client, jobId);

      assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
      assertThat(verdicts(job)).containsExactly("met", "met");
      assertThat(job.toString()).contains("2 of 2 acceptance criteria met after 1 fix turn(s)");
      assertThat(Fixtures.show(forge, branch, "FIXES.md")).isNotBlank();
    }
  }
}
