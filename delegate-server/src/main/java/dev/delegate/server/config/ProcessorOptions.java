package dev.delegate.server.config;

import dev.delegate.core.DurationText;
import dev.delegate.core.job.ProcessorSettings;
import dev.delegate.git.github.GitHubConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the PR processor role: what the server adds to the core's {@link ProcessorSettings},
 * which hold (and check) how jobs run.
 *
 * @param forge {@code local} (bare repositories under the data directory) or {@code github}
 * @param githubApiUrl the GitHub REST API the {@code github} forge talks to
 * @param forgeUrl with {@code local}: the API node that serves the local forge's repositories over
 *     HTTP ({@code http://api-host:8080}), so this node keeps none; empty: they are under this
 *     node's data directory
 * @param defaultOwner the repository owner used when a request names none
 * @param shutdownGrace how long a stopping node lets its running jobs finish before it cuts their
 *     turns off and returns them to the queue
 * @param settings how the processor runs jobs: lease, timeouts, retries, partial work
 */
public record ProcessorOptions(
    String forge,
    URI githubApiUrl,
    Optional<URI> forgeUrl,
    String defaultOwner,
    Duration shutdownGrace,
    ProcessorSettings settings) {

  public static final String DEFAULT_FORGE = "local";
  public static final URI DEFAULT_GITHUB_API_URL = GitHubConfig.DEFAULT_API_BASE_URL;
  public static final String DEFAULT_OWNER = "local";
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  public ProcessorOptions {
    if (!forge.equals("local") && !forge.equals("github")) {
      throw new ConfigException("--forge must be local or github, was '" + forge + "'");
    }
    Objects.requireNonNull(githubApiUrl, "githubApiUrl");
    Objects.requireNonNull(forgeUrl, "forgeUrl");
    if (forgeUrl.isPresent()) {
      if (!forge.equals("local")) {
        throw new ConfigException(
            "--forge-url names the API node that serves the local forge; it does not go with"
                + " --forge "
                + forge);
      }
      forgeUrl = Optional.of(checkForgeUrl(forgeUrl.get()));
    }
    Objects.requireNonNull(defaultOwner, "defaultOwner");
    if (shutdownGrace.isNegative()) {
      throw new ConfigException(
          "--shutdown-grace must not be negative, was " + DurationText.of(shutdownGrace));
    }
    Objects.requireNonNull(settings, "settings");
  }

  /** Parses {@code --forge-url}; a mistake is a {@link ConfigException} a person can act on. */
  public static URI parseForgeUrl(String text) {
    return HttpUrlOption.parse(
        "--forge-url",
        text,
        "of the API node serving the local forge (the node's --token is sent)");
  }

  private static URI checkForgeUrl(URI url) {
    return HttpUrlOption.check(
        "--forge-url", url, "of the API node serving the local forge (the node's --token is sent)");
  }
}
