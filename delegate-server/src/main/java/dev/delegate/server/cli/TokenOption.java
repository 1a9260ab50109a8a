package dev.delegate.server.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The bearer token of a server started with {@code --token}; from the environment by default. */
public final class TokenOption {
  @Option(
      names = "--token",
      defaultValue = "${env:DELEGATE_TOKEN}",
      description =
          "Bearer token of a server started with one (default: $DELEGATE_TOKEN, which keeps it"
              + " out of the process list).")
  String token;

  Optional<String> token() {
    return Optional.ofNullable(token).map(String::strip).filter(t -> !t.isEmpty());
  }
}
