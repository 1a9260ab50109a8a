package dev.delegate.agent.acp;

import dev.delegate.agent.session.DriverSession;
import dev.delegate.agent.session.OutputTap;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.agent.session.TurnEnd;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.Budget;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** An agent driven over the Agent Client Protocol. */
public final class AcpSession implements DriverSession {
  public AcpSession(
      int workerId, AgentProfile profile, SessionContext context, Path directory, Path home) {}

  @Override
  public CompletableFuture<Void> start() {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("ACP"));
  }

  @Override
  public CompletableFuture<Void> reset() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> interrupt(long graceMillis) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<TurnEnd> runTurn(String prompt, Budget budget) {
    return new CompletableFuture<>();
  }

  @Override
  public TurnEnd abandonTurn(Throwable reason) {
    return null;
  }

  @Override
  public void setTaps(OutputTap transcript, OutputTap live) {}

  @Override
  public long lastOutputNanos() {
    return System.nanoTime();
  }

  @Override
  public CompletableFuture<Integer> exited() {
    return new CompletableFuture<>();
  }

  @Override
  public boolean isAlive() {
    return false;
  }

  @Override
  public void close() {}

  @Override
  public void kill() {}

  @Override
  public void kill(Throwable reason) {}
}
