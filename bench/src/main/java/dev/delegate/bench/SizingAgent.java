package dev.delegate.bench;

import dev.delegate.agent.pool.PoolConfig;
import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.testkit.AgentClis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agents the sizing benchmark measures, each in a pool started the way a user configures it: a
 * profile file that extends the built-in one, the key in the agent's environment only.
 */
enum SizingAgent {
  SCRIPTED("scripted agent", false),
  CLAUDE_CODE("Claude Code", true),
  CODEX("Codex CLI", true);

  final String title;
  final boolean needsModel;

  SizingAgent(String title, boolean needsModel) {
    this.title = title;
    this.needsModel = needsModel;
  }

  /** The prompt that has this agent write one small file named after {@code name}. */
  String prompt(String name) {
    return this == SCRIPTED ? "scenario:note-" + name + "-think-0" : SizingModel.prompt(name);
  }

  /** Where, in the worker's directory, that file is. */
  String file(String name) {
    return this == SCRIPTED ? "notes/" + name + ".md" : "note-" + name + ".md";
  }

  WorkerPool start(Path data, int sessions, int queue, Optional<SizingModel> model)
      throws IOException {
    Path profiles = Files.createDirectories(data.resolve("profiles"));
    Map<String, String> env = new HashMap<>(SessionContext.agentEnvironment());
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("ANTHROPIC_")
                    || k.startsWith("OPENAI_")
                    || k.startsWith("CODEX_")
                    || k.startsWith("CLAUDE_"));
    String name =
        switch (this) {
          case SCRIPTED -> "scripted";
          case CLAUDE_CODE -> writeClaudeProfile(profiles, model.orElseThrow());
          case CODEX -> writeCodexProfile(profiles, model.orElseThrow());
        };
    var profile =
        ProfileCatalog.load(Optional.of(profiles)).get(name, ProfileVariables.forThisJvm());
    SessionContext context =
        new SessionContext(
            ApprovalPolicy.TRUST_ALL,
            Clock.systemUTC(),
            env,
            SessionContext.DEFAULT_MAX_OUTPUT_CHARS);
    PoolConfig config = PoolConfig.defaults(sessions, data).withQueueCapacity(queue);
    return new WorkerPool(config, profile, context).start();
  }

  private static String writeClaudeProfile(Path profiles, SizingModel model) throws IOException {
    Files.writeString(
        profiles.resolve("sizing-claude.yaml"),
        """
        name: sizing-claude
        extends: claude-code
        command: '%s'
        env:
          ANTHROPIC_BASE_URL: '%s'
          ANTHROPIC_API_KEY: '%s'
        """
            .formatted(AgentClis.claude(), model.baseUrl(), model.apiKey()));
    return "sizing-claude";
  }

  private static String writeCodexProfile(Path profiles, SizingModel model) throws IOException {
    Files.writeString(
        profiles.resolve("sizing-codex.yaml"),
        """
        name: sizing-codex
        extends: codex
        command: '%s'
        args: [--no-daemon, --model, scripted-model]
        env:
          OPENAI_BASE_URL: '%s/v1'
          OPENAI_API_KEY: '%s'
        """
            .formatted(AgentClis.codex(), model.baseUrl(), model.apiKey()));
    return "sizing-codex";
  }
}
