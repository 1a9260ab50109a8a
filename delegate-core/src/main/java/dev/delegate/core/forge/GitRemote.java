package dev.delegate.core.forge;

import java.util.Map;

/**
 * How git reaches a repository: its URL and the environment that authenticates git (for example
 * {@code GIT_CONFIG_*} variables carrying an extra header). Credentials never appear in the URL, so
 * they cannot leak through a log line or an error message that prints it.
 */
public record GitRemote(String url, Map<String, String> environment) {
  public GitRemote {
    environment = Map.copyOf(environment);
  }

  @Override
  public String toString() {
    return url; // never the environment
  }
}
