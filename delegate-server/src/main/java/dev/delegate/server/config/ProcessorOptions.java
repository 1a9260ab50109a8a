package dev.delegate.server.config;

import dev.delegate.core.job.RetryPolicy;
import java.net.URI;
import java.time.Duration;

/**
 * Settings of the PR processor role.
 *
 * @param forge {@code local} (bare repositories under the data directory) or {@code github}
 * @param defaultOwner the repository owner used when a request names none
 * @param pushPartialWork commit and push what a timed-out agent left
 * @param inputTimeout how long a job waits for a person's answer to the agent's question
 * @param shutdownGrace how long a stopping node lets its running jobs finish before it cuts their
 *     turns off and returns them to the queue
 */
public record ProcessorOptions(
    String forge,
    URI githubApiUrl,
    String defaultOwner,
    Duration lease,
    Duration turnTimeout,
    RetryPolicy retry,
    boolean pushPartialWork,
    Duration inputTimeout,
    Duration shutdownGrace) {

  public static final String DEFAULT_OWNER = "local";

  public ProcessorOptions {
    if (!forge.equals("local") && !forge.equals("github")) {
      throw new ConfigException("--forge must be local or github, was '" + forge + "'");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigException("--lease must be at least 1s, was " + lease);
    }
    if (turnTimeout.isNegative() || turnTimeout.isZero()) {
      throw new ConfigException("--turn-timeout must be positive");
    }
    if (inputTimeout.isNegative() || inputTimeout.isZero()) {
      throw new ConfigException("--input-timeout must be positive");
    }
    if (shutdownGrace.isNegative()) {
      throw new ConfigException("--shutdown-grace must not be negative");
    }
  }
}
