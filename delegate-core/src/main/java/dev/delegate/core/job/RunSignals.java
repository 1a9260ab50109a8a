package dev.delegate.core.job;

/** How a {@link JobRun} leaves its steps early; none is an error of the job itself. */
final class RunSignals {
  private RunSignals() {}

  /** A person cancelled the job; it ends {@code CANCELLED}. */
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      super(JobRun.CANCELLED_BY_A_PERSON, null, false, false);
    }
  }

  /** This node no longer holds the job; another node or a person has it. */
  static final class LostJob extends RuntimeException {
    LostJob(String message) {
      super(message, null, false, false);
    }
  }

  /** The pool refused the turn: try again soon. */
  static final class PoolBusy extends RuntimeException {
    PoolBusy(String message) {
      super(message, null, false, false);
    }
  }
}
