package dev.delegate.agent.acp;

import dev.delegate.agent.pool.PoolConfig;
import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.testkit.AgentClis;
import dev.delegate.testkit.model.ModelServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The real ACP adapters (installed by bin/lib/install-agents.sh) configured as a user would, with
 * {@code DELEGATE_*} variables, against a scripted {@link ModelServer} on 127.0.0.1; the key
 * reaches the agent through its environment only.
 */
enum RealAcpAgents {
  CLAUDE("claude-acp", "DELEGATE_CLAUDE_ACP_COMMAND", AgentClis::claudeAcp),
  CODEX("codex-acp", "DELEGATE_CODEX_ACP_COMMAND", AgentClis::codexAcp),
  GEMINI("gemini-acp", "DELEGATE_GEMINI_COMMAND", AgentClis::gemini);

  final String profileName;
  private final String commandVariable;
  private final Supplier<Path> executable;

  RealAcpAgents(String profileName, String commandVariable, Supplier<Path> executable) {
    this.profileName = profileName;
    this.commandVariable = commandVariable;
    this.executable = executable;
  }

  /** The built-in profile, pointed at the installed adapter and at {@code model}. */
  AgentProfile profile(ModelServer model) {
    Map<String, String> delegateEnv =
        Map.of(
            commandVariable,
            executable.get().toString(),
            "DELEGATE_ANTHROPIC_BASE_URL",
            model.baseUrl().toString(),
            "DELEGATE_OPENAI_BASE_URL",
            model.baseUrl() + "/v1",
            "DELEGATE_GEMINI_BASE_URL",
            model.baseUrl().toString(),
            "DELEGATE_CODEX_MODEL",
            "scripted-model",
            // a named model: "auto" would first ask a side model to rate the prompt
            "DELEGATE_GEMINI_MODEL",
            "gemini-2.5-flash");
    return ProfileCatalog.load(Optional.empty())
        .get(
            profileName,
            new ProfileVariables(
                Map.of("java", "java", "scripted.classpath", ""), delegateEnv::get));
  }

  /** A pool of {@code workers} sessions of this adapter. */
  WorkerPool start(Path data, ModelServer model, ApprovalPolicy policy, int workers) {
    return new WorkerPool(
            PoolConfig.defaults(workers, data), profile(model), context(model, policy))
        .start();
  }

  /** Delegate's environment without any real endpoint or key, plus the model server's key. */
  static SessionContext context(ModelServer model, ApprovalPolicy policy) {
    Map<String, String> env = new HashMap<>(SessionContext.agentEnvironment());
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("ANTHROPIC_")
                    || k.startsWith("OPENAI_")
                    || k.startsWith("CODEX_")
                    || k.startsWith("CLAUDE_")
                    || k.startsWith("GEMINI_")
                    || k.startsWith("GOOGLE_"));
    env.put("ANTHROPIC_API_KEY", model.apiKey());
    env.put("OPENAI_API_KEY", model.apiKey());
    env.put("GEMINI_API_KEY", model.apiKey());
    return new SessionContext(
        policy, Clock.systemUTC(), env, SessionContext.DEFAULT_MAX_OUTPUT_CHARS);
  }
}
