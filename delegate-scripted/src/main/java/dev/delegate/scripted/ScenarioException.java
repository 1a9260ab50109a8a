package dev.delegate.scripted;

/** A scenario file that cannot be parsed; the message names the file and the line. */
final class ScenarioException extends Exception {
  ScenarioException(String origin, int line, String message) {
    super(origin + ":" + line + ": " + message);
  }
}
