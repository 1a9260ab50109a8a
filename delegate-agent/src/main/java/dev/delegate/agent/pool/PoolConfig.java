package dev.delegate.agent.pool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a worker pool, validated at construction.
 *
 * @param workers how many agent sessions run
 * @param queueCapacity how many turns may wait for a free worker before submissions are refused
 * @param maxTimeout the longest timeout a turn may ask for
 * @param stallTimeout a busy agent that prints nothing for this long is killed and restarted
 * @param interruptGrace how long an interrupted agent has to come back to its prompt
 * @param restartBackoff first delay before restarting a failed session; doubles per failure
 * @param maxRestartBackoff the longest delay between restarts
 * @param dataDirectory holds {@code workers/N} (each worker's directory) and {@code transcripts/}
 * @param maxOutputChars the most text a result carries; transcripts keep everything
 */
public record PoolConfig(
    int workers,
    int queueCapacity,
    Duration maxTimeout,
    Duration stallTimeout,
    Duration interruptGrace,
    Duration restartBackoff,
    Duration maxRestartBackoff,
    Path dataDirectory,
    int maxOutputChars) {

  public static final int DEFAULT_WORKERS = 2;
  public static final int MAX_WORKERS = 256;
  public static final int DEFAULT_QUEUE_CAPACITY = 32;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MAX_TIMEOUT = Duration.ofHours(2);
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(3);
  public static final Duration DEFAULT_INTERRUPT_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_RESTART_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_RESTART_BACKOFF = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_OUTPUT_CHARS = 1 << 20;

  public PoolConfig {
    if (workers < 1 || workers > MAX_WORKERS) {
      throw new IllegalArgumentException(
          "workers must be between 1 and " + MAX_WORKERS + ", was " + workers);
    }
    if (queueCapacity < 0) {
      throw new IllegalArgumentException("queue capacity must be 0 or more, was " + queueCapacity);
    }
    requirePositive(maxTimeout, "maxTimeout");
    requirePositive(stallTimeout, "stallTimeout");
    requirePositive(interruptGrace, "interruptGrace");
    requirePositive(restartBackoff, "restartBackoff");
    requirePositive(maxRestartBackoff, "maxRestartBackoff");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    if (maxOutputChars < 1024) {
      throw new IllegalArgumentException("maxOutputChars must be at least 1024");
    }
  }

  /** Defaults for everything but the worker count and the data directory. */
  public static PoolConfig defaults(int workers, Path dataDirectory) {
    return new PoolConfig(
        workers,
        DEFAULT_QUEUE_CAPACITY,
        DEFAULT_MAX_TIMEOUT,
        DEFAULT_STALL_TIMEOUT,
        DEFAULT_INTERRUPT_GRACE,
        DEFAULT_RESTART_BACKOFF,
        DEFAULT_MAX_RESTART_BACKOFF,
        dataDirectory,
        DEFAULT_MAX_OUTPUT_CHARS);
  }

  public PoolConfig withQueueCapacity(int capacity) {
    return new PoolConfig(
        workers,
        capacity,
        maxTimeout,
        stallTimeout,
        interruptGrace,
        restartBackoff,
        maxRestartBackoff,
        dataDirectory,
        maxOutputChars);
  }

  public PoolConfig withStallTimeout(Duration stall) {
    return new PoolConfig(
        workers,
        queueCapacity,
        maxTimeout,
        stall,
        interruptGrace,
        restartBackoff,
        maxRestartBackoff,
        dataDirectory,
        maxOutputChars);
  }

  public PoolConfig withInterruptGrace(Duration grace) {
    return new PoolConfig(
        workers,
        queueCapacity,
        maxTimeout,
        stallTimeout,
        grace,
        restartBackoff,
        maxRestartBackoff,
        dataDirectory,
        maxOutputChars);
  }

  public PoolConfig withRestartBackoff(Duration first, Duration max) {
    return new PoolConfig(
        workers,
        queueCapacity,
        maxTimeout,
        stallTimeout,
        interruptGrace,
        first,
        max,
        dataDirectory,
        maxOutputChars);
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
