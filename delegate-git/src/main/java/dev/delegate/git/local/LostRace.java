package dev.delegate.git.local;

import dev.delegate.core.TransientException;
import java.util.concurrent.ThreadLocalRandom;

/** How the local forge's writers that lost a race on a branch try again. */
final class LostRace {
  /** How often a write that lost a race on its branch is built again, each after a short pause. */
  static final int ATTEMPTS = 50;

  private LostRace() {}

  /** Up to a few milliseconds, random, so writers racing on one branch stop colliding. */
  static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1 + Math.min(attempt, 10)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while writing to the local forge");
    }
  }
}
