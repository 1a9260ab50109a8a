package dev.delegate.scripted;

/** Text that is not the JSON expected; the message says what and where. */
final class JsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  JsonException(String message) {
    super(message);
  }
}
