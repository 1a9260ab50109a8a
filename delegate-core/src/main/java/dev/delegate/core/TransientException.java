package dev.delegate.core;

/** A failure that may go away by itself: retrying the same work later can succeed. */
public class TransientException extends DelegateException {
  public TransientException(String message) {
    super(message);
  }

  public TransientException(String message, Throwable cause) {
    super(message, cause);
  }
}
