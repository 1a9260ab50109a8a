package dev.delegate.agent.pool;

import dev.delegate.agent.session.DriverSession;
import dev.delegate.core.agent.WorkerSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One slot of the pool: a directory, the session running in it, and its counters. */
final class Worker {
  private static final int TASK_PREVIEW = 50;

  final int id;
  final Path directory;
  WorkerState state = WorkerState.STARTING;
  DriverSession session;
  String currentTask;
  Instant idleSince;
  Instant sessionStartedAt;
  int restarts;
  String lastRestart;
  int failuresInARow;
  long turns;
  volatile boolean inTurn;

  /** The stall sweep killed this worker's session in a turn: its restart is for a stall. */
  volatile boolean stalled;

  /** The turn this worker runs, while it runs one. */
  volatile PendingTurn currentTurn;

  Worker(int id, Path directory, Instant now) {
    this.id = id;
    this.directory = directory;
    this.idleSince = now;
    this.sessionStartedAt = now;
  }

  boolean isFree() {
    return state == WorkerState.READY;
  }

  void assign(String prompt) {
    state = WorkerState.BUSY;
    currentTask = prompt.length() <= TASK_PREVIEW ? prompt : prompt.substring(0, TASK_PREVIEW);
  }

  WorkerSnapshot snapshot(Instant now, String driver) {
    boolean busy = state == WorkerState.BUSY;
    boolean ready = state == WorkerState.READY || busy;
    Duration idle = busy ? Duration.ZERO : Duration.between(idleSince, now);
    PendingTurn turn = currentTurn;
    return new WorkerSnapshot(
        id,
        busy,
        ready,
        state.name(),
        Optional.ofNullable(busy ? currentTask : null),
        idle.isNegative() ? Duration.ZERO : idle,
        restarts,
        turns,
        Optional.ofNullable(busy && turn != null ? turn.request.jobId() : null),
        driver,
        Optional.ofNullable(lastRestart));
  }
}
