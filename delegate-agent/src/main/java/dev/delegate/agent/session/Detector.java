package dev.delegate.agent.session;

/**
 * Watches a session's output for one thing (readiness, the end of a turn). It is called on the PTY
 * reader thread after every chunk, with the session locked, so it sees output as it arrives: no
 * polling.
 */
interface Detector {

  /**
   * @return true when the detector is finished and should be removed
   */
  boolean onOutput(SessionView view, Keyboard keyboard);

  /** The session died or was stopped; fail whatever waits on this detector. */
  void abort(Throwable reason);
}
