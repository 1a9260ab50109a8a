package dev.delegate.core.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * One prompt for one agent turn.
 *
 * @param jobId names the turn in logs, transcripts and results
 * @param prompt the text typed into the agent (control characters are removed before typing)
 * @param timeout how long the turn may take before the agent is interrupted
 * @param preparation runs on the chosen worker's directory before the prompt is typed
 * @param completion runs on the worker's directory once the turn (and any answered question) has
 *     ended, before the result is handed out and before the worker takes another turn
 * @param answerWait how long the worker keeps the conversation when the agent asks a question, so
 *     that an answer ({@link AgentPool#answer}) continues it; zero: the question ends the turn and
 *     the conversation is cleared at once
 * @param budget the most the turn may spend where the agent reports spending; a turn past it is
 *     stopped and ends {@link TurnOutcome#TIMED_OUT} with the failure {@link Budget#REACHED}
 * @param continuation after a completed turn, whether the same session takes another prompt before
 *     the completion runs
 */
public record TurnRequest(
    String jobId,
    String prompt,
    Duration timeout,
    WorkspacePreparation preparation,
    WorkspaceCompletion completion,
    Duration answerWait,
    Budget budget,
    TurnContinuation continuation) {

  public TurnRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(preparation, "preparation");
    Objects.requireNonNull(completion, "completion");
    answerWait = answerWait == null || answerWait.isNegative() ? Duration.ZERO : answerWait;
    budget = budget == null ? Budget.NONE : budget;
    continuation = continuation == null ? TurnContinuation.NONE : continuation;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /** A request that is not continued. */
  public TurnRequest(
      String jobId,
      String prompt,
      Duration timeout,
      WorkspacePreparation preparation,
      WorkspaceCompletion completion,
      Duration answerWait,
      Budget budget) {
    this(
        jobId, prompt, timeout, preparation, completion, answerWait, budget, TurnContinuation.NONE);
  }

  /** A request without a budget. */
  public TurnRequest(
      String jobId,
      String prompt,
      Duration timeout,
      WorkspacePreparation preparation,
      WorkspaceCompletion completion,
      Duration answerWait) {
    this(jobId, prompt, timeout, preparation, completion, answerWait, Budget.NONE);
  }

  public TurnRequest(
      String jobId, String prompt, Duration timeout, WorkspacePreparation preparation) {
    this(jobId, prompt, timeout, preparation, WorkspaceCompletion.NONE, Duration.ZERO);
  }

  public TurnRequest(String jobId, String prompt, Duration timeout) {
    this(jobId, prompt, timeout, WorkspacePreparation.NONE);
  }
}
