package dev.delegate.server.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/** Prints one line per step with the time it took. */
final class Steps {
  private final PrintStream out;

  Steps(PrintStream out) {
    this.out = out;
  }

  <T> T timed(String what, Callable<T> step) throws Exception {
    long start = System.nanoTime();
    T value = step.call();
    done(what, Duration.ofNanos(System.nanoTime() - start));
    return value;
  }

  void waitFor(String what, BooleanSupplier condition, Duration limit) throws Exception {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > limit.toNanos()) {
        throw new IllegalStateException(what + ": not within " + limit.toSeconds() + " s");
      }
      Thread.sleep(10);
    }
    done(what, Duration.ofNanos(System.nanoTime() - start));
  }

  void done(String what, Duration took) {
    out.printf(Locale.ROOT, "[%7.2f s] %s%n", took.toMillis() / 1000.0, what);
  }
}
