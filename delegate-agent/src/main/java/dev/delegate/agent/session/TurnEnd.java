package dev.delegate.agent.session;

import dev.delegate.core.agent.ApprovalRecord;
import dev.delegate.core.agent.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a turn ended as the terminal showed it.
 *
 * @param question set when the agent asks the user something instead of finishing
 * @param waitingForAnswer the agent sits at its question (not at its prompt), so the session must
 *     be interrupted before it takes another prompt
 * @param noticedAt when the line that ended the turn arrived
 * @param failure set when the agent itself ended the turn as failed (an ACP {@code stopReason} such
 *     as {@code max_tokens} or {@code refusal}); the session stays usable
 * @param usage what the agent reported spending in the turn
 */
public record TurnEnd(
    String output,
    Optional<String> question,
    boolean waitingForAnswer,
    List<ApprovalRecord> approvals,
    Instant noticedAt,
    Optional<String> failure,
    Usage usage) {

  public TurnEnd {
    failure = failure == null ? Optional.empty() : failure;
    usage = usage == null ? Usage.NONE : usage;
  }

  /** A turn that ended normally, with no spending reported. */
  public TurnEnd(
      String output,
      Optional<String> question,
      boolean waitingForAnswer,
      List<ApprovalRecord> approvals,
      Instant noticedAt) {
    this(output, question, waitingForAnswer, approvals, noticedAt, Optional.empty(), Usage.NONE);
  }
}
