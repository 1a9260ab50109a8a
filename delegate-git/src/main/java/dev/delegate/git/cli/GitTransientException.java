package dev.delegate.git.cli;

import dev.delegate.core.TransientException;

/**
 * git failed in a way that may pass by itself: the network, a lock another git process holds, a
 * timeout. {@link #result()} is null when git never produced one (timeout, could not start).
 */
public class GitTransientException extends TransientException {
  private final transient GitResult result;

  public GitTransientException(String message) {
    this(message, (GitResult) null);
  }

  public GitTransientException(String message, GitResult result) {
    super(message);
    this.result = result;
  }

  public GitTransientException(String message, Throwable cause) {
    super(message, cause);
    this.result = null;
  }

  public GitResult result() {
    return result;
  }
}
