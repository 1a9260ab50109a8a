package dev.delegate.server.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * The demo's steps and what each took: the one record every line that shows a step's time is
 * printed from, as the step ends ({@code [ 1.23 s] label}) and in the summary at the end.
 */
final class Steps {
  /** One step: its label and how long it took. */
  record Step(String label, Duration took) {}

  private final PrintStream out;
  private final List<Step> done = new ArrayList<>();

  Steps(PrintStream out) {
    this.out = out;
  }

  /** The label of the time a job spent in {@code state}, as the job's event log tells it. */
  static String inState(String state) {
    return "job " + state;
  }

  <T> T timed(String label, Callable<T> step) throws Exception {
    long start = System.nanoTime();
    T value = step.call();
    done(label, Duration.ofNanos(System.nanoTime() - start));
    return value;
  }

  void waitFor(String label, BooleanSupplier condition, Duration limit) throws Exception {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > limit.toNanos()) {
        throw new IllegalStateException(label + ": not within " + limit.toSeconds() + " s");
      }
      Thread.sleep(10);
    }
    done(label, Duration.ofNanos(System.nanoTime() - start));
  }

  void done(String label, Duration took) {
    Step step = new Step(label, took);
    done.add(step);
    out.println(line(step));
  }

  /** Every step so far, then their total, with the labels and times printed as they ended. */
  void printSummary() {
    out.println("--- timings ---");
    Duration total = Duration.ZERO;
    for (Step step : done) {
      out.println(line(step));
      total = total.plus(step.took());
    }
    out.println(line(new Step("total", total)));
  }

  List<Step> done() {
    return List.copyOf(done);
  }

  private static String line(Step step) {
    return String.format(
        Locale.ROOT, "[%7.2f s] %s", Math.max(0, step.took().toMillis()) / 1000.0, step.label());
  }
}
