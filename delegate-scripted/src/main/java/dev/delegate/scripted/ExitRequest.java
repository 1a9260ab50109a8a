package dev.delegate.scripted;

/** Ends the program with an exit code ({@code /quit}, {@code crash}, "No, exit", end of input). */
final class ExitRequest extends RuntimeException {
  final int code;

  ExitRequest(int code) {
    super("exit " + code, null, false, false);
    this.code = code;
  }
}
