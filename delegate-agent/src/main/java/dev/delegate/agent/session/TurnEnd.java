package dev.delegate.agent.session;

import dev.delegate.core.agent.ApprovalRecord;
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
 */
public record TurnEnd(
    String output,
    Optional<String> question,
    boolean waitingForAnswer,
    List<ApprovalRecord> approvals,
    Instant noticedAt) {}
