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
   * Codex answers a rejected command ("abort") by ending the turn as cancelled, which the driver
   * fails as "the agent cancelled the turn by itself" (a person's answer would also do).
   */
  @Override
  List<TurnOutcome> deniedOutcomes() {
    return List.of(TurnOutcome.FAILED, TurnOutcome.NEEDS_INPUT);
  }
}
