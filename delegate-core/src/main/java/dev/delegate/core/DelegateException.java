package dev.delegate.core;

/** Root of every exception Delegate throws on purpose. */
public class DelegateException extends RuntimeException {
  public DelegateException(String message) {
    super(message);
  }

  public DelegateException(String message, Throwable cause) {
    super(message, cause);
  }
}
