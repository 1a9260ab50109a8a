package dev.delegate.server.processor;

import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.task.TaskDocument;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.http.Http;
import dev.delegate.server.pool.PoolRole;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance criteria checked one by one through the whole processor, with real git, the local
 * forge and the scripted agent in a PTY: check commands pass and fail in the job's workspace, the
 * other criteria are judged by the agent in a further turn of the same session, unmet ones go back
 * for a fix turn before the commit, and the verdicts show in the job JSON, TASK.md's status line,
 * the pull request's body and its comment.
 */
class CriteriaProcessorTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
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
            data, "--workers", "3", "--max-attempts", "1", "--criteria-rounds", "1");
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

  /** A pull request whose job plays {@code details} and checks {@code criteria}; its job id. */
  static String submit(String details, ArrayNode criteria) throws Exception {
    String branch = "feature/criteria-" + BRANCHES.incrementAndGet() + "-" + System.nanoTime();
    PullRequest pr = Fixtures.pullRequest(forge, branch, Fixtures.task(details));
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("prNumber", pr.number());
    body.put("branch", branch);
    body.put("owner", REPO.owner());
    body.put("repo", REPO.name());
    body.put("taskDetails", details);
    body.set("acceptanceCriteria", criteria);
    HttpResponse<String> accepted = client.post("/api/process-pr", body.toString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return Http.JSON.readTree(accepted.body()).get("jobId").asText();
  }

  static ArrayNode criteria(Object... items) {
    ArrayNode array = Http.JSON.createArrayNode();
    for (Object item : items) {
      if (item instanceof String text) {
        array.add(text);
      } else {
        String[] pair = (String[]) item;
        array.addObject().put("text", pair[0]).put("check", pair[1]);
      }
    }
    return array;
  }

  static String[] checked(String text, String check) {
    return new String[] {text, check};
  }

  static JsonNode awaitEnded(ProcessorClient client, String jobId) throws Exception {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                !List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING")
                    .contains(client.state(jobId)));
    return client.job(jobId);
  }

  static List<String> verdicts(JsonNode job) {
    List<String> out = new ArrayList<>();
    job.get("verdicts").forEach(v -> out.add(v.get("verdict").asText()));
    return out;
  }

  private static String lastComment(JsonNode job) {
    return forge.comments(REPO, job.get("prNumber").asInt()).getLast();
  }

  @Test
  void should_check_with_commands_and_the_agent_and_still_push_when_one_stays_unmet()
      throws Exception {
    String jobId =
        submit(
            "scenario:note-alpha-think-0",
            criteria(
                checked("The note exists", "test -f notes/alpha.md && echo found it"),
                "The note names the task",
                checked("Never true", "echo nope; exit 4")));

    JsonNode job = awaitEnded(client, jobId);

    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(verdicts(job)).containsExactly("met", "met", "not met");
    assertThat(job.get("criteriaMet").asText()).isEqualTo("2 of 3 acceptance criteria met");
    JsonNode first = job.get("verdicts").get(0);
    assertThat(first.get("exitCode").asInt()).isZero();
    assertThat(first.get("evidence").asText()).isEqualTo("found it");
    assertThat(first.get("check").asText()).startsWith("test -f");
    assertThat(job.get("verdicts").get(1).get("evidence").asText()).contains("TASK.md:1");
    assertThat(job.get("verdicts").get(1).get("exitCode").isNull()).isTrue();
    assertThat(job.get("verdicts").get(2).get("exitCode").asInt()).isEqualTo(4);
    assertThat(job.get("verdicts").get(2).get("evidence").asText()).isEqualTo("nope");
    assertThat(job.get("acceptanceCriteria").get(1).asText()).isEqualTo("The note names the task");
    assertThat(job.toString()).contains("2 of 3 acceptance criteria met after 1 fix turn(s)");

    String branch = job.get("branch").asText();
    assertThat(Fixtures.show(forge, branch, "FIXES.md"))
        .as("the fix turn's work is committed")
        .startsWith("Fixed after Delegate's check");
    assertThat(Fixtures.show(forge, branch, TaskDocument.FILE_NAME))
        .contains("✅ Code generated by")
        .contains("; 2 of 3 acceptance criteria met");
    assertThat(forge.pullRequest(REPO, job.get("prNumber").asInt()).orElseThrow().body())
        .contains("2 of 3 acceptance criteria met");
    assertThat(lastComment(job))
        .contains("- Acceptance criteria: 2 of 3 acceptance criteria met")
        .contains("Not every acceptance criterion is met; the code was pushed all the same")
        .contains(
            "- [x] The note exists — **met** (`test -f notes/alpha.md && echo found it` exited 0): found it")
        .contains("- [ ] Never true — **not met** (`echo nope; exit 4` exited 4): nope");
  }

  @Test
  void should_send_a_missed_criterion_back_and_find_it_met_on_the_second_round() throws Exception {
    String jobId =
        submit("scenario:note-beta-think-0", criteria("FIXES.md is there (scenario:miss-once)"));

    JsonNode job = awaitEnded(client, jobId);

    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(verdicts(job)).containsExactly("met");
    assertThat(job.get("criteriaMet").asText()).isEqualTo("1 of 1 acceptance criterion met");
    assertThat(job.toString()).contains("after 1 fix turn(s)");
    assertThat(Fixtures.show(forge, job.get("branch").asText(), "FIXES.md")).isNotBlank();
    assertThat(lastComment(job))
        .contains("Acceptance criteria, checked one by one")
        .contains("- [x] FIXES.md is there (scenario:miss-once) — **met**");
  }

  @Test
  void should_check_each_of_several_jobs_at_once_in_its_own_workspace() throws Exception {
    List<String> names = List.of("gamma", "delta", "epsilon", "zeta", "eta");
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String other = names.get((i + 1) % names.size());
      jobs.add(
          submit(
              "scenario:note-" + name + "-think-0.5",
              criteria(
                  checked("Its own note", "grep -q " + name + " notes/" + name + ".md"),
                  checked("No other job's note", "test ! -e notes/" + other + ".md"),
                  "Judged by the agent")));
    }

    for (String jobId : jobs) {
      JsonNode job = awaitEnded(client, jobId);
      assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
      assertThat(verdicts(job)).as(jobId).containsExactly("met", "met", "met");
      assertThat(job.get("criteriaMet").asText()).isEqualTo("3 of 3 acceptance criteria met");
      assertThat(job.toString()).doesNotContain("fix turn");
    }
  }

  @Test
  void should_answer_400_for_criteria_of_a_bad_shape() throws Exception {
    String branch = "feature/criteria-bad-" + System.nanoTime();
    PullRequest pr = Fixtures.pullRequest(forge, branch, Fixtures.task("bad"));
    for (String criteria :
        List.of(
            "[{\"check\":\"true\"}]",
            "[{\"text\":\"t\",\"check\":5}]",
            "[{\"text\":\"t\",\"command\":\"true\"}]",
            "[7]",
            "{\"text\":\"t\"}")) {
      String body =
          """
          {"prNumber":%d,"branch":"%s","repo":"sample-app","acceptanceCriteria":%s}
          """
              .formatted(pr.number(), branch, criteria);
      HttpResponse<String> answer = client.post("/api/process-pr", body);
      assertThat(answer.statusCode()).as(criteria + " → " + answer.body()).isEqualTo(400);
      assertThat(Http.JSON.readTree(answer.body()).path("error").path("code").asText())
          .isEqualTo("invalid_criteria");
    }
  }
}
