package dev.delegate.scripted;

/** Ctrl-C: abandons the current scenario. Carries no stack trace (it is control flow). */
final class Interrupted extends RuntimeException {
  Interrupted() {
    super("interrupted", null, false, false);
  }
}
