package dev.delegate.core;

/** A failure that repeating the same work will not fix: bad input, a missing resource. */
public class PermanentException extends DelegateException {
  public PermanentException(String message) {
    super(message);
  }

  public PermanentException(String message, Throwable cause) {
    super(message, cause);
  }
}
