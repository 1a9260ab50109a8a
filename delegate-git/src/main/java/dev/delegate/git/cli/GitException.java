package dev.delegate.git.cli;

import dev.delegate.core.PermanentException;

/**
 * git exited with an error that repeating will not fix. The message holds git's (redacted) standard
 * error; {@link #result()} holds the whole (redacted) outcome.
 */
public class GitException extends PermanentException {
  private final transient GitResult result;

  public GitException(String message, GitResult result) {
    super(message);
    this.result = result;
  }

  public GitResult result() {
    return result;
  }
}
