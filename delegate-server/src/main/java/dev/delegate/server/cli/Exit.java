package dev.delegate.server.cli;

/** Exit codes of the client commands. */
final class Exit {
  static final int SUCCEEDED = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int NEEDS_INPUT = 3;
  static final int CANNOT_CONNECT = 4;

  private Exit() {}

  /** The exit code for a job that ended in {@code state}. */
  static int forState(String state) {
    return switch (state) {
      case "SUCCEEDED" -> SUCCEEDED;
      case "NEEDS_INPUT" -> NEEDS_INPUT;
      default -> FAILED;
    };
  }

  static boolean isActive(String state) {
    return switch (state) {
      case "QUEUED", "PREPARING", "RUNNING", "COMMITTING" -> true;
      default -> false;
    };
  }
}
