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
    String reason,
    ToolKind kind,
    Optional<String> path) {

  public static ApprovalRecord of(Instant at, ApprovalRequest request, ApprovalDecision decision) {
    return new ApprovalRecord(
        at,
        request.tool(),
        request.command(),
        request.promptText(),
        decision.verdict(),
        decision.reason(),
        request.kind(),
        request.path());
  }

  /**
   * One line for logs and job events, e.g. {@code deny shell "rm -rf /" (rule: deny kind=shell)}.
   */
  public String describe() {
    StringBuilder text = new StringBuilder(verdict.name().toLowerCase(java.util.Locale.ROOT));
    text.append(' ').append(kind.label());
    tool.ifPresent(t -> text.append(" ").append(t));
    command.or(() -> path).ifPresent(c -> text.append(" \"").append(c).append('"'));
    text.append(" (").append(reason).append(")");
    return text.toString();
  }
}
