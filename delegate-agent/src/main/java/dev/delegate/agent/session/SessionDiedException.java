package dev.delegate.agent.session;

import dev.delegate.core.TransientException;

/** The agent process ended, or was killed, while something waited on it. */
public final class SessionDiedException extends TransientException {
  public SessionDiedException(String message) {
    super(message);
  }
}
