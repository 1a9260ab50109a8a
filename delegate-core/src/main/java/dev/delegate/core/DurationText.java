package dev.delegate.core;

import java.time.Duration;

/** Durations written the short way people write them: {@code 250ms}, {@code 30s}, {@code 5m}. */
public final class DurationText {
  private DurationText() {}

  /**
   * In the largest of hours, minutes, seconds and milliseconds that divides it: {@code 2h}, {@code
   * 90s}, {@code 1500ms}; {@code 0s} for zero; ISO-8601 for what those cannot say (negative values,
   * fractions of a millisecond).
   */
  public static String of(Duration value) {
    if (value.isZero()) {
      return "0s";
    }
    if (value.isNegative() || value.toNanosPart() % 1_000_000 != 0) {
      return value.toString();
    }
    long millis = value.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
