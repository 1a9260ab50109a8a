package dev.delegate.scripted;

import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts the scripted agent in a child JVM, for whoever puts it in a PTY (the
 * worker pool, tests, the demo): the same java binary as this JVM, small-footprint flags, and the
 * jar or classes folder this class was loaded from.
 */
public final class ScriptedAgentCommand {
  public static final String MAIN_CLASS = "dev.delegate.scripted.ScriptedAgent";

  /** Measured: start-up and memory figures are in README.md. */
  public static final List<String> JVM_FLAGS =
      List.of(
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx24m", "-Xss256k", "-XX:-UsePerfData");

  private ScriptedAgentCommand() {}

  /** {@code java <flags> -cp <classpath> dev.delegate.scripted.ScriptedAgent <agentArgs>}. */
  public static List<String> command(List<String> agentArgs) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(classPath());
    command.add(MAIN_CLASS);
    command.addAll(agentArgs);
    return command;
  }

  /** The java launcher running this JVM. */
  public static String javaBinary() {
    String fromHandle = ProcessHandle.current().info().command().orElse(null);
    if (fromHandle != null) {
      return fromHandle;
    }
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  /** Where the agent's classes are: its jar, or target/classes in a build. */
  public static String classPath() {
    try {
      return new File(
              ScriptedAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getPath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bug: the code source is not a file URI", e);
    }
  }
}
