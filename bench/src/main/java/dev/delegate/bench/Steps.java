package dev.delegate.bench;

import java.util.Locale;

/** One side's timings: whole iterations and each step (prepare, write, commit, push). */
final class Steps {
  static final String[] NAMES = {"prepare", "write", "commit", "push"};
  final Stats total = new Stats();
  final Stats[] step = {new Stats(), new Stats(), new Stats(), new Stats()};

  /** {@code marks}: the clock (ns) at the start and after each step. */
  void add(long[] marks) {
    for (int k = 0; k < NAMES.length; k++) {
      step[k].add((marks[k + 1] - marks[k]) / 1e6);
    }
    total.add((marks[NAMES.length] - marks[0]) / 1e6);
  }

  /** "prepare 40.1 / 30.2 ms, write …": medians of this side's steps against the other's. */
  String stepsAgainst(Steps other) {
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < NAMES.length; k++) {
      text.append(
          String.format(
              Locale.ROOT,
              "%s%s %.2f / %.2f ms",
              k == 0 ? "" : ", ",
              NAMES[k],
              step[k].median(),
              other.step[k].median()));
    }
    return text.toString();
  }
}
