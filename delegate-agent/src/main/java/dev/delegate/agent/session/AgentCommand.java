package dev.delegate.agent.session;

import dev.delegate.agent.pty.PtyCommand;
import dev.delegate.core.agent.AgentProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line, environment and session home a profile's agent starts with. */
public final class AgentCommand {
  private AgentCommand() {}

  /** Prepares the session's home (when the profile has one) and returns what to start. */
  public static PtyCommand build(
      AgentProfile profile, SessionContext context, Path home, Path directory) throws IOException {
    Map<String, String> env = new HashMap<>(context.environment());
    env.putAll(profile.env());
    SessionHome sessionHome = new SessionHome(profile.home(), home, directory);
    if (!profile.home().isNone()) {
      profile.home().env().forEach(name -> env.put(name, sessionHome.path().toString()));
    }
    env.replaceAll((name, value) -> sessionHome.expand(value, env));
    sessionHome.prepare(env);
    List<String> argv = new ArrayList<>();
    argv.add(sessionHome.expand(profile.command(), env));
    profile.args().forEach(arg -> argv.add(sessionHome.expand(arg, env)));
    return new PtyCommand(
        argv, env, directory, profile.terminal().cols(), profile.terminal().rows());
  }
}
