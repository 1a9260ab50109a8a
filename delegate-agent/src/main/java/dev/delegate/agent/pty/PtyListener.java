package dev.delegate.agent.pty;

/** Receives a PTY's output, on the PTY's reader thread, in order. */
public interface PtyListener {

  /**
   * @param raw the bytes as read (valid until the method returns)
   * @param length how many bytes of {@code raw} are valid
   * @param text the same bytes decoded as UTF-8 (a character split across reads is held back)
   */
  void onOutput(byte[] raw, int length, String text);

  /** The process ended; no more output follows. */
  void onExit(int exitCode);
}
