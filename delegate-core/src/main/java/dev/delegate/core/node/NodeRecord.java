package dev.delegate.core.node;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of those sharing a store, as its last heartbeat described it.
 *
 * @param id unique among the nodes ({@code pid@host})
 * @param roles the roles it runs: {@code api}, {@code processor}, {@code pool}
 * @param address where its own endpoints answer, e.g. {@code http://10.0.0.5:8082}
 * @param workersReady agent sessions idle and ready (0 without a pool)
 * @param workersBusy agent sessions at work
 * @param stoppedAt when it stopped cleanly; empty while it runs or after it died
 */
public record NodeRecord(
    String id,
    List<String> roles,
    String address,
    String version,
    Instant startedAt,
    Instant heartbeatAt,
    int workersReady,
    int workersBusy,
    Optional<Instant> stoppedAt) {

  /** How a node looks now. */
  public enum Status {
    UP,
    /** It stopped heart-beating without saying goodbye: killed, or cut off. */
    GONE,
    STOPPED
  }

  public NodeRecord {
    Objects.requireNonNull(id, "id");
    roles = List.copyOf(roles);
  }

  /**
   * {@code STOPPED} once it said so, {@code GONE} when its last heartbeat is older than {@code
   * silence}, else {@code UP}.
   */
  public Status status(Instant now, Duration silence) {
    if (stoppedAt.isPresent()) {
      return Status.STOPPED;
    }
    return heartbeatAt.plus(silence).isBefore(now) ? Status.GONE : Status.UP;
  }
}
