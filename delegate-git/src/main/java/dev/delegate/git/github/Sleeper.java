package dev.delegate.git.github;

import java.time.Duration;

/** Waits; injected so tests can let rate-limit waits pass without sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = duration -> Thread.sleep(duration);

  void sleep(Duration duration) throws InterruptedException;
}
