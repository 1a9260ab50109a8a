package dev.delegate.server.cli;

import dev.delegate.server.config.ServerConfig;
import java.net.URI;
import picocli.CommandLine.Option;

/** Where the delegation API of the client commands listens. */
public final class ApiUrlOption {
  static final String DEFAULT =
      "http://" + ServerConfig.DEFAULT_BIND + ":" + ServerConfig.DEFAULT_API_PORT;

  @Option(
      names = "--url",
      defaultValue = DEFAULT,
      description = "Delegation API (default: ${DEFAULT-VALUE}).")
  URI url;

  /** {@code " --url …"} when not the default, for commands printed for the person to run. */
  String asOption() {
    return asOption(url);
  }

  static String asOption(URI url) {
    return url.toString().equals(DEFAULT) ? "" : " --url " + url;
  }
}
