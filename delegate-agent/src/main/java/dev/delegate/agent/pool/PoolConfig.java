package dev.delegate.agent.pool;

import dev.delegate.core.SettingChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a worker pool: each setting's default and its bound live here, and nowhere else.
 *
 * @param workers how many agent sessions run
 * @param queueCapacity how many turns may wait for a free worker before submissions are refused
 * @param maxTimeout the longest timeout a turn may ask for
 * @param stallTimeout a busy agent that prints nothing for this long is killed and restarted
 * @param interruptGrace how long an interrupted agent has to come back to its prompt
 * @param restartBackoff first delay before restarting a failed session; doubles per failure
 * @param maxRestartBackoff the longest delay between restarts
 * @param dataDirectory holds {@code workers/N} (each worker's directory) and {@code transcripts/}
 */
public record PoolConfig(
    int workers,
    int queueCapacity,
    Duration maxTimeout,
    Duration stallTimeout,
    Duration interruptGrace,
    Duration restartBackoff,
    Duration maxRestartBackoff,
    Path dataDirectory) {

  public static final int DEFAULT_WORKERS = 2;
  public static final int MAX_WORKERS = 256;
  public static final int DEFAULT_QUEUE_CAPACITY = 32;

  /** The timeout of a turn whose request names none (the pool API's {@code /execute}). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public static final Duration DEFAULT_MAX_TIMEOUT = Duration.ofHours(2);
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(3);
  public static final Duration DEFAULT_INTERRUPT_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_RESTART_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_RESTART_BACKOFF = Duration.ofSeconds(30);

  public PoolConfig {
    SettingChecks.between("workers", workers, 1, MAX_WORKERS);
    SettingChecks.atLeast("queueCapacity", queueCapacity, 0);
    SettingChecks.positive("maxTimeout", maxTimeout);
    SettingChecks.positive("stallTimeout", stallTimeout);
    SettingChecks.positive("interruptGrace", interruptGrace);
    SettingChecks.positive("restartBackoff", restartBackoff);
    SettingChecks.positive("maxRestartBackoff", maxRestartBackoff);
    Objects.requireNonNull(dataDirectory, "dataDirectory");
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
        dataDirectory);
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
        dataDirectory);
  }

  public PoolConfig withMaxTimeout(Duration max) {
    return new PoolConfig(
        workers,
        queueCapacity,
        max,
        stallTimeout,
        interruptGrace,
        restartBackoff,
        maxRestartBackoff,
        dataDirectory);
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
        dataDirectory);
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
        dataDirectory);
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
        dataDirectory);
  }
}
