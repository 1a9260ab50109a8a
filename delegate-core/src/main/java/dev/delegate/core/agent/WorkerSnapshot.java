package dev.delegate.core.agent;

import java.time.Duration;
import java.util.Optional;

/**
 * One worker slot at one moment.
 *
 * @param state the session's life-cycle state, e.g. {@code STARTING}, {@code READY}, {@code BUSY},
 *     {@code RESTARTING}
 * @param currentTask the first 50 characters of the running prompt
 * @param idle time since the worker's last turn ended (or since it started)
 * @param jobId the job of the running turn
 * @param driver how the worker drives its agent: {@code pty} or {@code acp}
 * @param lastRestart why the worker's session was last restarted ({@code stalled}: it printed
 *     nothing in a turn past the stall timeout; {@code exited}, {@code not_ready}, {@code
 *     turn_failed}); empty when it never was
 */
public record WorkerSnapshot(
    int id,
    boolean busy,
    boolean ready,
    String state,
    Optional<String> currentTask,
    Duration idle,
    int restarts,
    long turns,
    Optional<String> jobId,
    String driver,
    Optional<String> lastRestart) {}
