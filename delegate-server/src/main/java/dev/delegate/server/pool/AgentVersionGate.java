package dev.delegate.server.pool;

import dev.delegate.agent.session.AgentVersionCheck;
import dev.delegate.agent.session.AgentVersionCheck.NotChecked;
import dev.delegate.agent.session.AgentVersionCheck.Tested;
import dev.delegate.agent.session.AgentVersionCheck.Untested;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.server.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool starts only an agent CLI of a version its profile was tested with: another version, or one
 * that cannot be read, stops {@code serve} with a message, unless {@code --allow-untested-agent}
 * says to go on with a warning.
 */
final class AgentVersionGate {
  static final String ALLOW_OPTION = "--allow-untested-agent";
  private static final Logger log = LoggerFactory.getLogger(AgentVersionGate.class);

  private AgentVersionGate() {}

  static void check(AgentProfile profile, SessionContext context, boolean allowUntested) {
    switch (AgentVersionCheck.check(
        profile, context.environment(), AgentVersionCheck.DEFAULT_TIMEOUT)) {
      case NotChecked notChecked -> {}
      case Tested tested ->
          log.info(
              "agent profile '{}' runs {} {}, a version it was tested with",
              profile.name(),
              profile.displayName(),
              tested.version());
      case Untested untested when allowUntested ->
          log.warn("{}; running it anyway ({})", untested.problem(), ALLOW_OPTION);
      case Untested untested ->
          throw new ConfigException(
              untested.problem() + "; start with " + ALLOW_OPTION + " to run it anyway");
    }
  }
}
