package dev.delegate.server.processor;

import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskDocument;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.http.Http;
import dev.delegate.server.pool.PoolRole;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs whose agent asks a question ({@code NEEDS_INPUT}, answered through {@code POST
 * /api/jobs/{id}/input}) and whose agent tries to act outside its workspace, over HTTP with real
 * git, the local forge and the scripted agent.
 */
class QuestionsAndApprovalsTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final AtomicInteger BRANCHES = new AtomicInteger();
  @TempDir static Path data;
  @TempDir static Path extra;
  @TempDir static Path outside;
  private static PoolRole pool;
  private static ProcessorRole processor;
  private static LocalForge forge;
  private static ProcessorClient client;

  @BeforeAll
  static void start() throws Exception {
    Path scenarios = Files.createDirectories(extra.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("outside.scenario"),
        """
        match scenario:outside (\\S+)
        say I'll leave a mark outside the workspace first.
        run touch ${1}
        write INSIDE.md <<EOF
        written inside the workspace
        EOF
        reply Done.
        """);
    Files.writeString(
        scenarios.resolve("after-trust.scenario"),
        """
        match scenario:after-trust (\\S+)
        write inside.txt <<EOF
        inside
        EOF
        write ${1} <<EOF
        outside
        EOF
        reply Done.
        """);
    Files.writeString(
        scenarios.resolve("then-inside.scenario"),
        """
        match scenario:then-inside (\\S+)
        write ${1} <<EOF
        outside
        EOF
        run echo inside > inside.txt
        reply Done.
        """);
    Path profiles = Files.createDirectories(extra.resolve("profiles"));
    Files.writeString(
        profiles.resolve("guarded-scripted.yaml"),
        """
        name: guarded-scripted
        extends: scripted
        args: [-XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -Xmx24m, -Xss256k, -cp,
               '${scripted.classpath}', dev.delegate.scripted.ScriptedAgent, --ui, legacy,
               --scenarios, '%s']
        """
            .formatted(scenarios));
    Fixtures.InProcessNode node =
        Fixtures.startInProcess(
            data,
            "--workers",
            "2",
            "--profiles-dir",
            profiles.toString(),
            "--agent",
            "guarded-scripted",
            "--input-timeout",
            "6s",
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

  private static String submit(String objective) throws Exception {
    String branch = "feature/q-" + BRANCHES.incrementAndGet() + "-" + System.currentTimeMillis();
    Task task = Task.of("Question " + BRANCHES.get(), objective, null, null);
    PullRequest pr = Fixtures.pullRequest(forge, branch, task);
    return client
        .processPr(pr.number(), branch, TaskDocument.taskDetails(task))
        .get("jobId")
        .asText();
  }

  private static String jobText(String jobId) {
    try {
      return client.job(jobId).toPrettyString();
    } catch (Exception e) {
      return "(job unreadable: " + e + ")";
    }
  }

  private static void awaitState(String jobId, String state) {
    await().atMost(WAIT).until(() -> client.state(jobId).equals(state));
  }

  private static HttpResponse<String> answer(String jobId, String text) throws Exception {
    return client.post(
        "/api/jobs/" + jobId + "/input",
        Http.JSON.writeValueAsString(java.util.Map.of("text", text)));
  }

  @Test
  void should_wait_for_an_answer_type_it_into_the_agent_and_push_what_it_made() throws Exception {
    String jobId = submit("scenario:ask-then-write");
    awaitState(jobId, "NEEDS_INPUT");
    JsonNode waiting = client.job(jobId);
    assertThat(waiting.get("question").asText()).contains("Which file name should the export use?");
    assertThat(waiting.get("failure").isNull()).as("a question is not a failure").isTrue();

    HttpResponse<String> accepted = answer(jobId, "quarterly");
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(Http.JSON.readTree(accepted.body()).get("jobId").asText()).isEqualTo(jobId);

    awaitState(jobId, "SUCCEEDED");
    JsonNode job = client.job(jobId);
    assertThat(job.get("failure").isNull()).as("a SUCCEEDED job shows no failure").isTrue();
    assertThat(job.get("question").isNull()).isTrue();
    String branch = job.get("branch").asText();
    assertThat(Fixtures.show(forge, branch, "exports/quarterly.txt"))
        .contains("exported by the scripted agent");
    assertThat(job.get("events").findValuesAsText("message"))
        .anySatisfy(m -> assertThat(m).isEqualTo("answer received: quarterly"))
        .anySatisfy(m -> assertThat(m).startsWith("the agent asks: Which file name"));
    assertThat(job.get("approvals"))
        .singleElement()
        .satisfies(a -> assertThat(a.asText()).contains("fs_write").contains("prompt: "));
    assertThat(forge.comments(REPO, job.get("prNumber").asInt()))
        .satisfiesExactly(
            asked ->
                assertThat(asked)
                    .contains("> Which file name should the export use?")
                    .contains("bin/delegate answer " + jobId),
            done -> assertThat(done).contains("Approvals: 1"));
  }

  @Test
  void should_fail_the_job_when_no_answer_comes_in_time_and_free_the_worker() throws Exception {
    String jobId = submit("scenario:ask-then-write");
    awaitState(jobId, "NEEDS_INPUT");
    awaitState(jobId, "FAILED");
    assertThat(client.job(jobId).get("failure").asText())
        .contains("no answer to the agent's question within 6 s");
    HttpResponse<String> late = answer(jobId, "too late");
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(late.body()).contains("not_waiting_for_input").contains("FAILED");
    await()
        .atMost(WAIT)
        .until(() -> pool.pool().snapshot().workers().stream().noneMatch(w -> w.busy()));
  }

  @Test
  void should_refuse_bad_answers_and_answers_to_jobs_that_do_not_wait() throws Exception {
    assertThat(answer("no-such-job", "x").statusCode()).isEqualTo(404);
    String jobId = submit("scenario:ask-then-write");
    awaitState(jobId, "NEEDS_INPUT");
    assertThat(client.post("/api/jobs/" + jobId + "/input", "{\"text\":\"  \"}").statusCode())
        .isEqualTo(400);
    assertThat(client.post("/api/jobs/" + jobId + "/input", "not json").statusCode())
        .isEqualTo(400);
    assertThat(answer(jobId, "x".repeat(JobInput.MAX_TEXT + 1)).statusCode()).isEqualTo(400);
    assertThat(client.job(jobId).get("state").asText()).isEqualTo("NEEDS_INPUT");
    assertThat(answer(jobId, "first").statusCode()).isEqualTo(202);
    HttpResponse<String> second = answer(jobId, "second");
    assertThat(second.statusCode()).as(() -> second.body() + "\n" + jobText(jobId)).isEqualTo(409);
    assertThat(second.body()).contains("not_waiting_for_input"); // kept answer, or already typed
    awaitState(jobId, "SUCCEEDED");
  }

  @Test
  void should_still_guard_a_tool_after_its_first_action_was_allowed() throws Exception {
    Path target = outside.resolve("after-trust-write.txt");
    String jobId = submit("scenario:after-trust " + target);
    awaitState(jobId, "SUCCEEDED");

    assertThat(target).as("the second write, outside, was asked about and denied").doesNotExist();
    List<String> approvals = new java.util.ArrayList<>();
    client.job(jobId).get("approvals").forEach(a -> approvals.add(a.asText()));
    assertThat(approvals).hasSize(2);
    assertThat(approvals.get(0))
        .startsWith("allow write fs_write \"inside.txt\"")
        .doesNotContain("outside the workspace");
    assertThat(approvals.get(1))
        .startsWith("deny write fs_write \"" + target)
        .contains("outside the workspace: " + target);
  }

  @Test
  void should_decide_each_action_on_its_own_path_not_an_earlier_one() throws Exception {
    Path target = outside.resolve("earlier-write.txt");
    String jobId = submit("scenario:then-inside " + target);
    awaitState(jobId, "SUCCEEDED");

    assertThat(target).doesNotExist();
    List<String> approvals = new java.util.ArrayList<>();
    client.job(jobId).get("approvals").forEach(a -> approvals.add(a.asText()));
    assertThat(approvals).hasSize(2);
    assertThat(approvals.get(0)).startsWith("deny write fs_write \"" + target);
    assertThat(approvals.get(1))
        .startsWith("allow shell execute_bash \"echo inside > inside.txt\"")
        .doesNotContain(target.toString());
    assertThat(Fixtures.show(forge, client.job(jobId).get("branch").asText(), "inside.txt"))
        .contains("inside");
  }

  @Test
  void should_deny_a_command_outside_the_workspace_record_it_and_change_nothing_there()
      throws Exception {
    Path marker = outside.resolve("marker");
    String jobId = submit("scenario:outside " + marker);
    awaitState(jobId, "SUCCEEDED");

    assertThat(marker).doesNotExist();
    JsonNode job = client.job(jobId);
    List<String> approvals = new java.util.ArrayList<>();
    job.get("approvals").forEach(a -> approvals.add(a.asText()));
    assertThat(approvals)
        .anySatisfy(
            a ->
                assertThat(a)
                    .startsWith("deny shell execute_bash \"touch " + marker)
                    .contains("outside the workspace: " + marker)
                    .contains("prompt: "))
        .anySatisfy(a -> assertThat(a).startsWith("allow write fs_write").contains("allowed once"));
    assertThat(Fixtures.show(forge, job.get("branch").asText(), "INSIDE.md"))
        .contains("written inside the workspace");
  }
}
