package dev.delegate.agent.profile;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the scripted agent's classes are: its jar, the runnable jar, or target/classes. */
final class ScriptedAgentLocation {
  static final String MAIN_CLASS = "dev.delegate.scripted.ScriptedAgent";

  private ScriptedAgentLocation() {}

  static String classpath() {
    try {
      Class<?> main =
          Class.forName(MAIN_CLASS, false, ScriptedAgentLocation.class.getClassLoader());
      return Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the scripted agent is missing from the classpath: a bug", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the scripted agent's classes", e);
    }
  }
}
