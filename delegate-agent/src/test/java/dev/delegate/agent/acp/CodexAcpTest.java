package dev.delegate.agent.acp;

import dev.delegate.core.agent.ToolKind;
import dev.delegate.core.agent.TurnOutcome;
import java.util.List;

/** The codex-acp profile driving the real adapter over ACP against a scripted model. */
class CodexAcpTest extends RealAcpContract {
  @Override
  RealAcpAgents agent() {
    return RealAcpAgents.CODEX;
  }

  /** Codex 0.137 declares no apply_patch tool here, so the model writes with a shell command. */
  @Override
  ToolKind writeKind() {
    return ToolKind.SHELL;
  }

  /**
   * Codex answers a rejected command ("abort") by ending the turn as cancelled: the driver makes
   * that a question to a person, what to do instead.
   */
  @Override
  List<TurnOutcome> deniedOutcomes() {
    return List.of(TurnOutcome.NEEDS_INPUT);
  }
}
