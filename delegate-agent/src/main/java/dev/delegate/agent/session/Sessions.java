package dev.delegate.agent.session;

import dev.delegate.agent.acp.AcpSession;
import dev.delegate.core.agent.AgentProfile;
import java.nio.file.Path;

/** Opens the session a profile's driver calls for. */
public final class Sessions {
  private Sessions() {}

  /**
   * @param directory the worker's directory, where the agent works
   * @param home the session's own home directory, used when the profile asks for one
   */
  public static DriverSession open(
      int workerId, AgentProfile profile, SessionContext context, Path directory, Path home) {
    return switch (profile.driver()) {
      case PTY -> new AgentSession(workerId, profile, context, directory, home);
      case ACP -> new AcpSession(workerId, profile, context, directory, home);
    };
  }
}
