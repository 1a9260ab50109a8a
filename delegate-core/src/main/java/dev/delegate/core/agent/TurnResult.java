package dev.delegate.core.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one agent turn produced.
 *
 * @param output the turn's terminal output as plain text (escape sequences removed)
 * @param failure why a {@link TurnOutcome#FAILED} turn failed; empty otherwise
 * @param question the agent's question when the outcome is {@link TurnOutcome#NEEDS_INPUT}
 * @param transcript the file holding the raw terminal bytes of the turn
 * @param startedAt when a worker took the turn
 * @param endedAt when the end of the turn (or its timeout or failure) was noticed
 * @param usage what the agent reported spending in this turn; {@link Usage#NONE} when nothing
 */
public record TurnResult(
    String jobId,
    int workerId,
    TurnOutcome outcome,
    String output,
    Optional<String> failure,
    Optional<String> question,
    List<ApprovalRecord> approvals,
    Duration duration,
    Path transcript,
    Instant startedAt,
    Instant endedAt,
    Usage usage) {

  public TurnResult {
    approvals = List.copyOf(approvals);
    usage = usage == null ? Usage.NONE : usage;
  }

  /** A result with no usage reported. */
  public TurnResult(
      String jobId,
      int workerId,
      TurnOutcome outcome,
      String output,
      Optional<String> failure,
      Optional<String> question,
      List<ApprovalRecord> approvals,
      Duration duration,
      Path transcript,
      Instant startedAt,
      Instant endedAt) {
    this(
        jobId,
        workerId,
        outcome,
        output,
        failure,
        question,
        approvals,
        duration,
        transcript,
        startedAt,
        endedAt,
        Usage.NONE);
  }

  /** This result with another outcome and failure, the rest kept. */
  public TurnResult withOutcome(TurnOutcome newOutcome, Optional<String> newFailure) {
    return new TurnResult(
        jobId,
        workerId,
        newOutcome,
        output,
        newFailure,
        question,
        approvals,
        duration,
        transcript,
        startedAt,
        endedAt,
        usage);
  }

  /**
   * This turn followed by {@code next} in the same session, as one result: {@code next}'s outcome,
   * failure and question, both turns' output (one after the other), approvals, time and usage.
   */
  public TurnResult then(TurnResult next) {
    String both =
        output.isEmpty()
            ? next.output
            : next.output.isEmpty() ? output : output + "\n" + next.output;
    List<ApprovalRecord> all = new java.util.ArrayList<>(approvals);
    all.addAll(next.approvals);
    return new TurnResult(
        jobId,
        workerId,
        next.outcome,
        both,
        next.failure,
        next.question,
        all,
        duration.plus(next.duration),
        transcript,
        startedAt,
        next.endedAt,
        usage.plus(next.usage));
  }

  public boolean timedOut() {
    return outcome == TurnOutcome.TIMED_OUT;
  }

  /**
   * True unless the agent failed or the turn was cancelled: a timeout still counts as a turn that
   * ran, as in the seed.
   */
  public boolean success() {
    return outcome != TurnOutcome.FAILED && outcome != TurnOutcome.CANCELLED;
  }
}
