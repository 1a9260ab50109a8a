package dev.delegate.scripted;

/** The number formats steps take; each throws IllegalArgumentException with a clear message. */
final class Numbers {
  private Numbers() {}

  /** {@code think}: seconds, decimals allowed, 0 allowed. */
  static long millis(String seconds) {
    try {
      double value = Double.parseDouble(seconds.trim());
      if (value >= 0 && value <= 86_400) {
        return Math.round(value * 1000);
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("think takes seconds (0 to 86400), not: " + seconds);
  }

  /** {@code flood}: bytes, with an optional K or M suffix (1024-based). */
  static long bytes(String size) {
    String s = size.trim().toUpperCase(java.util.Locale.ROOT);
    long unit = 1;
    if (s.endsWith("K") || s.endsWith("M")) {
      unit = s.endsWith("K") ? 1024 : 1024 * 1024;
      s = s.substring(0, s.length() - 1);
    }
    try {
      long value = Long.parseLong(s) * unit;
      if (value >= 0 && value <= 1L << 32) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(
        "flood takes a byte count like 5000, 64K or 5M, not: " + size);
  }

  /** {@code cost}: US dollars, decimals allowed, 0 to 1000000. */
  static java.math.BigDecimal usd(String amount) {
    try {
      java.math.BigDecimal value = new java.math.BigDecimal(amount.trim());
      if (value.signum() >= 0 && value.compareTo(java.math.BigDecimal.valueOf(1_000_000)) <= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("cost takes US dollars (0 to 1000000), not: " + amount);
  }

  /** {@code crash}: an exit code from 0 to 255. */
  static int exitCode(String code) {
    try {
      int value = Integer.parseInt(code.trim());
      if (value >= 0 && value <= 255) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("crash takes an exit code from 0 to 255, not: " + code);
  }
}
