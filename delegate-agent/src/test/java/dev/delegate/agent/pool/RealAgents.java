package dev.delegate.agent.pool;

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

/**
 * Starts pools of the real agent CLIs (installed by bin/lib/install-agents.sh) against a scripted
 * {@link ModelServer} on 127.0.0.1: endpoints and commands come in the way a user configures them
 * ({@code DELEGATE_*} variables), the key through the agent's environment only.
 */
final class RealAgents {
  private RealAgents() {}

  static AgentProfile profile(String name, ModelServer model) {
    Map<String, String> delegateEnv =
        Map.of(
            "DELEGATE_ANTHROPIC_BASE_URL", model.baseUrl().toString(),
            "DELEGATE_OPENAI_BASE_URL", model.baseUrl() + "/v1",
            "DELEGATE_CLAUDE_COMMAND", AgentClis.claude().toString(),
            "DELEGATE_CODEX_COMMAND", AgentClis.codex().toString(),
            "DELEGATE_CODEX_MODEL", "scripted-model");
    return ProfileCatalog.load(Optional.empty())
        .get(
            name,
            new ProfileVariables(
                Map.of("java", "java", "scripted.classpath", ""), delegateEnv::get));
  }

  static WorkerPool start(Path data, String profile, ModelServer model, ApprovalPolicy policy) {
    Map<String, String> env = new HashMap<>(SessionContext.agentEnvironment());
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("ANTHROPIC_")
                    || k.startsWith("OPENAI_")
                    || k.startsWith("CODEX_")
                    || k.startsWith("CLAUDE_"));
    env.put("ANTHROPIC_API_KEY", model.apiKey());
    env.put("OPENAI_API_KEY", model.apiKey());
    SessionContext context =
        new SessionContext(policy, Clock.systemUTC(), env, SessionContext.DEFAULT_MAX_OUTPUT_CHARS);
    return new WorkerPool(PoolConfig.defaults(1, data), profile(profile, model), context).start();
  }
}
