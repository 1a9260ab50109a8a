package dev.delegate.server.processor;

import static dev.delegate.server.processor.Fixtures.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.task.TaskDocument;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.pool.PoolRole;
import dev.delegate.testkit.AgentClis;
import dev.delegate.testkit.model.ModelServer;
import dev.delegate.testkit.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole processor path (job stored, worktree on the PR branch, agent turn, commit, push) with
 * the real ACP adapters of Claude Code, Codex and Gemini CLI, against a scripted model on
 * 127.0.0.1. Each user profile extends the built-in one, so only command, endpoint and key differ.
 */
class RealAcpProcessorTest {
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
  void should_commit_the_file_claude_code_wrote_over_acp() throws Exception {
    model = ModelServer.start(scenario());
    writeProfile(
        "claude-acp",
        AgentClis.claudeAcp(),
        "[]",
        "ANTHROPIC_BASE_URL: '%s'\n  ANTHROPIC_API_KEY: '%s'"
            .formatted(model.baseUrl(), model.apiKey()));
    playThroughProcessor("Claude Code");
  }

  @Test
  void should_commit_the_file_codex_wrote_over_acp() throws Exception {
    model = ModelServer.start(scenario());
    writeProfile(
        "codex-acp",
        AgentClis.codexAcp(),
        "[-c, 'model=\"scripted-model\"']",
        "OPENAI_BASE_URL: '%s/v1'\n  OPENAI_API_KEY: '%s'"
            .formatted(model.baseUrl(), model.apiKey()));
    playThroughProcessor("Codex");
  }

  @Test
  void should_commit_the_file_gemini_cli_wrote_over_acp() throws Exception {
    model = ModelServer.start(scenario());
    writeProfile(
        "gemini-acp",
        AgentClis.gemini(),
        "[--acp, --model, gemini-2.5-flash]",
        "GOOGLE_GEMINI_BASE_URL: '%s'\n  GEMINI_API_KEY: '%s'"
            .formatted(model.baseUrl(), model.apiKey()));
    playThroughProcessor("Gemini CLI");
  }

  /**
   * A profile over the built-in one with the installed adapter, the model server and its key. A
   * version check run by another program (node reading the adapter's package.json) is pointed at
   * the installed adapter too.
   */
  private void writeProfile(String builtIn, Path command, String args, String env)
      throws java.io.IOException {
    AgentProfile.Version version =
        ProfileCatalog.load(Optional.empty()).get(builtIn, ProfileVariables.forThisJvm()).version();
    String versionArgs = "";
    if (version.command() != null) {
      List<String> argv = new ArrayList<>(version.args());
      argv.set(argv.size() - 1, command.toString());
      versionArgs = "version: {args: " + new ObjectMapper().writeValueAsString(argv) + "}\n";
    }
    Files.writeString(
        profiles.resolve("test-acp.yaml"),
        """
        name: test-acp
        extends: %s
        command: '%s'
        args: %s
        env:
          %s
        %s"""
            .formatted(builtIn, command, args, env, versionArgs));
  }

  private static Scenario scenario() {
    return Scenario.builder()
        .writeFile("EXPORT.md", CONTENT + "\n")
        .text("DONE: I wrote EXPORT.md.")
        .build();
  }

  private void playThroughProcessor(String agentName) throws Exception {
    Fixtures.InProcessNode node =
        Fixtures.startInProcess(
            data,
            "--workers",
            "1",
            "--profiles-dir",
            profiles.toString(),
            "--agent",
            "test-acp",
            "--max-attempts",
            "1");
    pool = node.pool();
    processor = node.processor();
    ProcessorClient client = new ProcessorClient(processor.port());
    LocalForge forge = (LocalForge) processor.forge();
    String branch = "feature/real-acp-" + System.nanoTime();
    PullRequest pr = Fixtures.pullRequest(forge, branch, Fixtures.task("write notes"));
    String before = forge.branchHead(REPO, branch).orElseThrow();
    String jobId =
        client
            .processPr(pr.number(), branch, TaskDocument.taskDetails(Fixtures.task("x")))
            .get("jobId")
            .asText();

    await()
        .atMost(WAIT)
        .until(
            () ->
                !List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING", "NEEDS_INPUT")
                    .contains(client.state(jobId)));

    JsonNode job = client.job(jobId);
    assertThat(job.get("state").asText())
        .as(job + "\n" + model.describeRequests())
        .isEqualTo("SUCCEEDED");
    assertThat(Fixtures.commitsAfter(forge, before, branch))
        .containsExactly("feat: implement feature via " + agentName + "|" + jobId);
    assertThat(Fixtures.show(forge, branch, "EXPORT.md")).contains(CONTENT);
    assertThat(Fixtures.show(forge, branch, "TASK.md"))
        .contains("✅ Code generated by " + agentName);
    assertThat(job.get("approvals")).isNotEmpty();
    assertThat(model.toolCalls()).hasSize(1);
    assertThat(job.toString()).doesNotContain(model.apiKey());
  }
}
