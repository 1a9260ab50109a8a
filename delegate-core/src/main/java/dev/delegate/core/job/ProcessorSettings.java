package dev.delegate.core.job;

import java.time.Duration;
import java.util.Objects;

/**
 * How the PR processor runs jobs.
 *
 * @param nodeId names this node in leases; unique among the nodes sharing a store
 * @param concurrency how many jobs this node runs at once (the pool's worker count)
 * @param lease how long a claim holds without renewal; renewed every third of it
 * @param turnTimeout how long the agent may work on one job
 * @param agentName how commits and comments name the agent, e.g. "Kiro CLI"
 * @param pushPartialWork whether a timed-out job's changes are still committed and pushed
 * @param tick how often expired leases and due retries are looked for
 * @param inputTimeout how long a job waits for a person's answer when the agent asks a question;
 *     the worker keeps the agent's conversation that long, then the job fails
 */
public record ProcessorSettings(
    String nodeId,
    int concurrency,
    Duration lease,
    Duration turnTimeout,
    RetryPolicy retry,
    String agentName,
    String authorName,
    String authorEmail,
    boolean pushPartialWork,
    Duration tick,
    Duration inputTimeout) {

  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TURN_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
  public static final Duration DEFAULT_INPUT_TIMEOUT = Duration.ofMinutes(30);
  public static final String DEFAULT_AUTHOR_NAME = "Delegate";
  public static final String DEFAULT_AUTHOR_EMAIL = "delegate@localhost";

  public ProcessorSettings {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(agentName, "agentName");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    inputTimeout = inputTimeout == null ? DEFAULT_INPUT_TIMEOUT : inputTimeout;
    if (inputTimeout.isNegative() || inputTimeout.isZero()) {
      throw new IllegalArgumentException("input timeout must be positive, was " + inputTimeout);
    }
    if (lease.compareTo(Duration.ofMillis(300)) < 0) {
      throw new IllegalArgumentException("lease must be at least 300 ms, was " + lease);
    }
  }

  public static ProcessorSettings defaults(String nodeId, int concurrency, String agentName) {
    return new ProcessorSettings(
        nodeId,
        concurrency,
        DEFAULT_LEASE,
        DEFAULT_TURN_TIMEOUT,
        RetryPolicy.DEFAULT,
        agentName,
        DEFAULT_AUTHOR_NAME,
        DEFAULT_AUTHOR_EMAIL,
        false,
        DEFAULT_TICK,
        DEFAULT_INPUT_TIMEOUT);
  }

  public ProcessorSettings withLease(Duration value) {
    return new ProcessorSettings(
        nodeId,
        concurrency,
        value,
        turnTimeout,
        retry,
        agentName,
        authorName,
        authorEmail,
        pushPartialWork,
        tick,
        inputTimeout);
  }

  public ProcessorSettings withTurnTimeout(Duration value) {
    return new ProcessorSettings(
        nodeId,
        concurrency,
        lease,
        value,
        retry,
        agentName,
        authorName,
        authorEmail,
        pushPartialWork,
        tick,
        inputTimeout);
  }

  public ProcessorSettings withRetry(RetryPolicy value) {
    return new ProcessorSettings(
        nodeId,
        concurrency,
        lease,
        turnTimeout,
        value,
        agentName,
        authorName,
        authorEmail,
        pushPartialWork,
        tick,
        inputTimeout);
  }

  public ProcessorSettings withInputTimeout(Duration value) {
    return new ProcessorSettings(
        nodeId,
        concurrency,
        lease,
        turnTimeout,
        retry,
        agentName,
        authorName,
        authorEmail,
        pushPartialWork,
        tick,
        value);
  }
}
