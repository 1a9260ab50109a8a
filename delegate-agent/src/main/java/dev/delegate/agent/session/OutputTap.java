package dev.delegate.agent.session;

/** Sees every byte a session's terminal prints, e.g. a transcript file or a live view. */
@FunctionalInterface
public interface OutputTap {
  OutputTap NONE = (raw, length) -> {};

  void write(byte[] raw, int length);
}
