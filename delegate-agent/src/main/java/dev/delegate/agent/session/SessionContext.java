package dev.delegate.agent.session;

import dev.delegate.core.SettingChecks;
import dev.delegate.core.agent.ApprovalPolicy;
import java.time.Clock;
import java.util.Map;

/**
 * What every session of a pool shares.
 *
 * @param environment the variables the agent process starts with (the profile's env is added)
 * @param maxOutputChars the most text a turn's result carries (the transcript keeps everything)
 */
public record SessionContext(
    ApprovalPolicy policy, Clock clock, Map<String, String> environment, int maxOutputChars) {

  public static final int DEFAULT_MAX_OUTPUT_CHARS = 1 << 20;

  public SessionContext {
    environment = Map.copyOf(environment);
    SettingChecks.atLeast("maxOutputChars", maxOutputChars, 1024);
  }

  /** Forge credentials of Delegate itself; an agent that needs a key gets it from its profile. */
  static final java.util.Set<String> WITHHELD = java.util.Set.of("GITHUB_TOKEN", "GH_TOKEN");

  /**
   * This process's environment without Delegate's own settings and forge tokens (an agent, or a
   * script it runs, must not be able to push with them), with a terminal type agents understand.
   */
  public static Map<String, String> agentEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.keySet().removeIf(SessionContext::isDelegateSecret);
    env.put("TERM", "xterm-256color");
    env.putIfAbsent("LANG", "C.UTF-8");
    return env;
  }

  static boolean isDelegateSecret(String name) {
    return name.startsWith("DELEGATE_") || WITHHELD.contains(name);
  }
}
