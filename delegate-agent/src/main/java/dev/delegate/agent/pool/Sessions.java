package dev.delegate.agent.pool;

import dev.delegate.agent.acp.AcpSession;
import dev.delegate.agent.session.AgentSession;
import dev.delegate.agent.session.DriverSession;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.AgentProfile;
import java.nio.file.Path;

/** Opens the session a profile's driver calls for. */
final class Sessions {
  private Sessions() {}

  /**
   * @param directory the worker's directory, where the agent works
   * @param home the session's own home directory, used when the profile asks for one
   */
  static DriverSession open(
      int workerId, AgentProfile profile, SessionContext context, Path directory, Path home) {
    return switch (profile.driver()) {
      case PTY -> new AgentSession(workerId, profile, context, directory, home);
      case ACP -> new AcpSession(workerId, profile, context, directory, home);
    };
  }
}
