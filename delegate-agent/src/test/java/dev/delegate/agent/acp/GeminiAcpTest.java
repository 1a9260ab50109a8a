package dev.delegate.agent.acp;

/** The gemini-acp profile driving the real adapter over ACP against a scripted model. */
class GeminiAcpTest extends RealAcpContract {
  @Override
  RealAcpAgents agent() {
    return RealAcpAgents.GEMINI;
  }

  /** Gemini CLI reports them in the response's {@code _meta.quota.token_count}. */
  @Override
  boolean reportsTokens() {
    return true;
  }
}
