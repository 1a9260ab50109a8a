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

  /**
   * The command that prints the profile's version, with the agent's environment: its home variables
   * and {@code ${home}} and {@code ${workdir}} point at {@code scratch}, in which nothing is
   * written beforehand (no home files, so no settings derived from keys).
   */
  public static PtyCommand version(
      AgentProfile profile, Map<String, String> environment, Path scratch) {
    Map<String, String> env = new HashMap<>(environment);
    env.putAll(profile.env());
    SessionHome sessionHome = new SessionHome(profile.home(), scratch, scratch);
    if (!profile.home().isNone()) {
      profile.home().env().forEach(name -> env.put(name, sessionHome.path().toString()));
    }
    env.replaceAll((name, value) -> sessionHome.expand(value, env));
    AgentProfile.Version version = profile.version();
    List<String> argv = new ArrayList<>();
    String command = version.command() != null ? version.command() : profile.command();
    argv.add(sessionHome.expand(command, env));
    version.args().forEach(arg -> argv.add(sessionHome.expand(arg, env)));
    return new PtyCommand(argv, env, scratch, profile.terminal().cols(), profile.terminal().rows());
  }
}
