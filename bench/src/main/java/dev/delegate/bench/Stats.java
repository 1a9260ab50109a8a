package dev.delegate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and percentiles of a sample, printed the same way by every benchmark. */
final class Stats {
  private final List<Double> values = new ArrayList<>();

  void add(double value) {
    values.add(value);
  }

  int size() {
    return values.size();
  }

  double percentile(double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  double median() {
    return percentile(50);
  }

  String summary(String unit) {
    return String.format(
        Locale.ROOT,
        "p50 %.2f %s, p90 %.2f %s, p99 %.2f %s, min %.2f, max %.2f (n=%d)",
        median(),
        unit,
        percentile(90),
        unit,
        percentile(99),
        unit,
        percentile(0),
        percentile(100),
        values.size());
  }
}
