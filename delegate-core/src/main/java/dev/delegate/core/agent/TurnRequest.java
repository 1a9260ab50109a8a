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
 */
public record TurnRequest(
    String jobId, String prompt, Duration timeout, WorkspacePreparation preparation) {

  public TurnRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(preparation, "preparation");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  public TurnRequest(String jobId, String prompt, Duration timeout) {
    this(jobId, prompt, timeout, WorkspacePreparation.NONE);
  }
}
