package dev.delegate.agent.session;

/** Types keys into a session's terminal. */
@FunctionalInterface
interface Keyboard {
  void type(String keys);
}
