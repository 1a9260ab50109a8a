package dev.delegate.core.archfixture;

import dev.delegate.server.Main;

/** A core class that imports the server, for {@code ArchitectureRulesTest} only. */
public final class ReachesIntoServer {
  private ReachesIntoServer() {}

  public static String name() {
    return Main.class.getName();
  }
}
