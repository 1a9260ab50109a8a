package dev.delegate.server.delegation;

import io.javalin.config.JavalinConfig;

/** Adds routes to the API port's server (e.g. the web UI's pages), with the role's services. */
@FunctionalInterface
public interface RouteInstaller {
  void install(JavalinConfig config, WebServices services);
}
