package dev.delegate.server.processor;

import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.task.TaskDocument;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.pool.PoolRole;
import dev.delegate.testkit.AgentClis;
import dev.delegate.testkit.model.ModelServer;
import dev.delegate.testkit.model.Scenario;
import dev.delegate.testkit.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole processor pipeline (job stored, worktree on the PR branch, agent turn, commit, push) on
 * the local forge with the real Claude Code and Codex CLIs, against a scripted model on 127.0.0.1.
 */
class RealAgentProcessorTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String CONTENT = "Export button notes from the scripted model";
  @TempDir Path data;
  @TempDir Path profiles;
  private ModelServer model;
  private PoolRole pool;
  private ProcessorRole processor;

  @AfterEach
  void stop() {
    if (processor != null) {
      processor.close();
    }
    if (pool != null) {
      pool.close();
    }
    if (model != null) {
      model.close();
    }
  }

  @Test
  void should_commit_the_file_claude_code_wrote_to_the_pull_request_branch() throws Exception {
    model = ModelServer.start(scenario());
    writeClaudeProfile();
    playThroughProcessor("test-claude", "Claude Code");
  }

  @Test
  void should_commit_the_file_codex_wrote_to_the_pull_request_branch() throws Exception {
    model = ModelServer.start(scenario());
    Files.writeString(
        profiles.resolve("test-codex.yaml"),
        """
        name: test-codex
        extends: codex
        command: '%s'
        args: [--no-daemon, --model, scripted-model]
        env:
          OPENAI_BASE_URL: '%s/v1'
          OPENAI_API_KEY: '%s'
        """
            .formatted(AgentClis.codex(), model.baseUrl(), model.apiKey()));
    playThroughProcessor("test-codex", "Codex CLI");
  }

  @Test
  void should_answer_claude_code_s_question_through_the_input_endpoint() throws Exception {
    model =
        ModelServer.start(
            Scenario.builder()
                .question("Which file name should the notes use?")
                .then(c -> Step.writeFile(c.lastUserText().strip() + ".md", CONTENT + "\n"))
                .text("DONE: I wrote the notes.")
                .build());
    writeClaudeProfile();
    ProcessorClient client = startProcessor("test-claude");
    Submitted job = submit(client);
    await().atMost(WAIT).until(() -> client.state(job.id()).equals("NEEDS_INPUT"));
    assertThat(client.job(job.id()).get("question").asText())
        .contains("Which file name should the notes use?");

    var answered =
        client.post("/api/jobs/" + job.id() + "/input", "{\"text\":\"quarterly-notes\"}");
    assertThat(answered.statusCode()).isEqualTo(202);

    assertThat(awaitEnd(client, job.id())).isEqualTo("SUCCEEDED");
    assertThat(Fixtures.show(forge(), job.branch(), "quarterly-notes.md")).contains(CONTENT);
    assertThat(Fixtures.commitsAfter(forge(), job.before(), job.branch())).hasSize(1);
  }

  @Test
  void should_tell_claude_code_no_for_a_command_outside_the_workspace_and_record_it()
      throws Exception {
    Path marker = data.resolveSibling(data.getFileName() + "-outside-marker");
    model =
        ModelServer.start(
            Scenario.builder()
                .shell("touch " + marker)
                .writeFile("INSIDE.md", CONTENT + "\n")
                .text("DONE: the command was refused; I wrote INSIDE.md.")
                .build());
    writeClaudeProfile();
    ProcessorClient client = startProcessor("test-claude");
    Submitted job = submit(client);

    // Told no, Claude stops its turn and asks what to do instead: the job waits for a person
    await().atMost(WAIT).until(() -> client.state(job.id()).equals("NEEDS_INPUT"));
    assertThat(marker).doesNotExist();
    assertThat(client.job(job.id()).get("question").asText())
        .contains("What should Claude do instead?");
    assertThat(approvals(client, job.id()))
        .singleElement()
        .satisfies(
            a ->
                assertThat(a)
                    .startsWith("deny shell Bash \"touch " + marker)
                    .contains("outside the workspace: " + marker)
                    .contains("prompt: Do you want to proceed?"));
    client.post(
        "/api/jobs/" + job.id() + "/input",
        "{\"text\":\"Leave that file alone and only write INSIDE.md.\"}");

    String end = awaitEnd(client, job.id());
    assertThat(end).as(describe(client, job.id())).isEqualTo("SUCCEEDED");
    assertThat(marker).doesNotExist();
    assertThat(approvals(client, job.id()))
        .hasSize(2)
        .last()
        .satisfies(a -> assertThat(a).contains("write").contains("INSIDE.md"));
    assertThat(Fixtures.show(forge(), job.branch(), "INSIDE.md")).contains(CONTENT);
  }

  @Test
  void should_still_guard_claude_code_s_write_outside_after_an_allowed_write_inside()
      throws Exception {
    Path outside = data.resolveSibling(data.getFileName() + "-after-allowed.txt");
    model =
        ModelServer.start(
            Scenario.builder()
                .writeFile("inside.txt", "inside\n")
                .writeFile(outside.toString(), "outside\n")
                .text("DONE: both files written.")
                .build());
    writeClaudeProfile();
    ProcessorClient client = startProcessor("test-claude");
    Submitted job = submit(client);

    await()
        .atMost(WAIT)
        .until(
            () -> List.of("NEEDS_INPUT", "SUCCEEDED", "FAILED").contains(client.state(job.id())));

    assertThat(client.state(job.id())).as(describe(client, job.id())).isEqualTo("NEEDS_INPUT");
    assertThat(outside).doesNotExist();
    assertThat(client.job(job.id()).get("question").asText())
        .as("told no, Claude stops; the job waits for a person")
        .startsWith("User rejected write to ")
        .contains(outside.getFileName().toString());
    assertThat(approvals(client, job.id()))
        .as(describe(client, job.id()))
        .satisfiesExactly(
            first ->
                assertThat(first)
                    .as("allowed once, not trusted for the session")
                    .startsWith("allow ")
                    .contains("inside.txt"),
            second ->
                assertThat(second)
                    .as("Claude shows the path relative to the workspace")
                    .startsWith("deny ")
                    .contains("outside the workspace: ../")
                    .contains(outside.getFileName() + ")")
                    .doesNotContain("inside.txt"));
  }

  @Test
  void should_decide_each_claude_code_action_on_its_own_path() throws Exception {
    Path outside = data.resolveSibling(data.getFileName() + "-first-outside.txt");
    model =
        ModelServer.start(
            Scenario.builder()
                .writeFile(outside.toString(), "outside\n")
                .shell("echo inside > inside.txt")
                .text("DONE: wrote inside.txt instead.")
                .build());
    writeClaudeProfile();
    ProcessorClient client = startProcessor("test-claude");
    Submitted job = submit(client);
    await().atMost(WAIT).until(() -> client.state(job.id()).equals("NEEDS_INPUT"));
    client.post("/api/jobs/" + job.id() + "/input", "{\"text\":\"Write inside.txt instead.\"}");

    String end = awaitEnd(client, job.id());

    assertThat(end).as(describe(client, job.id())).isEqualTo("SUCCEEDED");
    assertThat(outside).doesNotExist();
    assertThat(approvals(client, job.id()))
        .satisfiesExactly(
            first ->
                assertThat(first)
                    .startsWith("deny ")
                    .contains("outside the workspace: ../")
                    .contains(outside.getFileName().toString()),
            second ->
                assertThat(second)
                    .startsWith("allow ")
                    .contains("echo inside > inside.txt")
                    .doesNotContain(outside.getFileName().toString()));
    assertThat(Fixtures.show(forge(), job.branch(), "inside.txt")).isEqualTo("inside\n");
  }

  private static List<String> approvals(ProcessorClient client, String jobId) throws Exception {
    List<String> approvals = new java.util.ArrayList<>();
    client.job(jobId).get("approvals").forEach(a -> approvals.add(a.asText()));
    return approvals;
  }

  private String describe(ProcessorClient client, String jobId) {
    try {
      return client.job(jobId) + "\n" + model.describeRequests();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private record Submitted(String id, String branch, String before) {}

  private void writeClaudeProfile() throws java.io.IOException {
    Files.writeString(
        profiles.resolve("test-claude.yaml"),
        """
        name: test-claude
        extends: claude-code
        command: '%s'
        env:
          ANTHROPIC_BASE_URL: '%s'
          ANTHROPIC_API_KEY: '%s'
        """
            .formatted(AgentClis.claude(), model.baseUrl(), model.apiKey()));
  }

  private ProcessorClient startProcessor(String profile) {
    Fixtures.InProcessNode node =
        Fixtures.startInProcess(
            data,
            "--workers",
            "1",
            "--profiles-dir",
            profiles.toString(),
            "--agent",
            profile,
            "--max-attempts",
            "1");
    pool = node.pool();
    processor = node.processor();
    return new ProcessorClient(processor.port());
  }

  private LocalForge forge() {
    return (LocalForge) processor.forge();
  }

  private Submitted submit(ProcessorClient client) throws Exception {
    String branch = "feature/real-" + System.nanoTime();
    PullRequest pr = Fixtures.pullRequest(forge(), branch, Fixtures.task("write notes"));
    String before = forge().branchHead(REPO, branch).orElseThrow();
    String id =
        client
            .processPr(pr.number(), branch, TaskDocument.taskDetails(Fixtures.task("x")))
            .get("jobId")
            .asText();
    return new Submitted(id, branch, before);
  }

  private static String awaitEnd(ProcessorClient client, String jobId) throws Exception {
    await()
        .atMost(WAIT)
        .until(
            () ->
                !List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING", "NEEDS_INPUT")
                    .contains(client.state(jobId)));
    return client.state(jobId);
  }

  private static Scenario scenario() {
    return Scenario.builder()
        .writeFile("EXPORT.md", CONTENT + "\n")
        .text("DONE: I wrote EXPORT.md.")
        .build();
  }

  private void playThroughProcessor(String profile, String agentName) throws Exception {
    ProcessorClient client = startProcessor(profile);
    Submitted submitted = submit(client);
    String jobId = submitted.id();
    String branch = submitted.branch();
    String before = submitted.before();
    LocalForge forge = forge();
    awaitEnd(client, jobId);

    JsonNode job = client.job(jobId);
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(Fixtures.commitsAfter(forge, before, branch))
        .containsExactly("feat: implement feature via " + agentName + "|" + jobId);
    assertThat(Fixtures.show(forge, branch, "EXPORT.md")).contains(CONTENT);
    assertThat(Fixtures.show(forge, branch, "TASK.md"))
        .contains("✅ Code generated by " + agentName);
    assertThat(model.toolCalls()).hasSize(1);
    assertThat(job.toString()).doesNotContain(model.apiKey());
  }
}
