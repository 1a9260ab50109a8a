package dev.delegate.core.agent;

import java.time.Instant;
import java.util.Optional;

/** One approval prompt and the decision sent back, as kept on the turn's result. */
public record ApprovalRecord(
    Instant at,
    Optional<String> tool,
    Optional<String> command,
    String promptText,
    ApprovalVerdict verdict,
    String reason) {

  public static ApprovalRecord of(Instant at, ApprovalRequest request, ApprovalDecision decision) {
    return new ApprovalRecord(
        at,
        request.tool(),
        request.command(),
        request.promptText(),
        decision.verdict(),
        decision.reason());
  }
}
