package dev.delegate.agent.pool;

import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Starts a real pool of scripted agents in PTYs for tests, and reads what the agents logged. */
final class ScriptedPool {
  static final Duration WAIT = Duration.ofSeconds(60);

  private ScriptedPool() {}

  static AgentProfile profile(String name) {
    return ProfileCatalog.load(Optional.empty()).get(name, ProfileVariables.forThisJvm());
  }

  static WorkerPool start(
      Path data,
      String profile,
      int workers,
      ApprovalPolicy policy,
      UnaryOperator<PoolConfig> tweak) {
    return start(data, profile(profile), workers, policy, tweak);
  }

  static WorkerPool start(
      Path data,
      AgentProfile profile,
      int workers,
      ApprovalPolicy policy,
      UnaryOperator<PoolConfig> tweak) {
    Map<String, String> env = new HashMap<>(SessionContext.agentEnvironment());
    env.put("SCRIPTED_AGENT_LOG", agentLog(data).toString());
    SessionContext context =
        new SessionContext(policy, Clock.systemUTC(), env, SessionContext.DEFAULT_MAX_OUTPUT_CHARS);
    PoolConfig config = tweak.apply(PoolConfig.defaults(workers, data));
    return new WorkerPool(config, profile, context).start();
  }

  static Path agentLog(Path data) {
    return data.resolve("agent-events.log");
  }

  static List<String> agentEvents(Path data) throws IOException {
    Path log = agentLog(data);
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  static TurnResult run(WorkerPool pool, String jobId, String prompt) throws Exception {
    return run(pool, jobId, prompt, Duration.ofSeconds(60));
  }

  static TurnResult run(WorkerPool pool, String jobId, String prompt, Duration timeout)
      throws Exception {
    return pool.submit(new TurnRequest(jobId, prompt, timeout))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}
