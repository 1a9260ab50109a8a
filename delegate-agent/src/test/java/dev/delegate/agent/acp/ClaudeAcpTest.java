package dev.delegate.agent.acp;

/** The claude-acp profile driving the real adapter over ACP against a scripted model. */
class ClaudeAcpTest extends RealAcpContract {
  @Override
  RealAcpAgents agent() {
    return RealAcpAgents.CLAUDE;
  }
}
