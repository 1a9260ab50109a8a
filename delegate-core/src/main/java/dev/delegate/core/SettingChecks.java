package dev.delegate.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks settings records run at construction. Each names the setting as the record does and
 * throws {@link InvalidSettingException} with the bound and the value, e.g. {@code lease must be at
 * least 1s, was 500ms}.
 */
public final class SettingChecks {
  private SettingChecks() {}

  public static void positive(String setting, Duration value) {
    Objects.requireNonNull(value, setting);
    if (value.isNegative() || value.isZero()) {
      throw new InvalidSettingException(setting, "must be positive, was " + DurationText.of(value));
    }
  }

  public static void notNegative(String setting, Duration value) {
    Objects.requireNonNull(value, setting);
    if (value.isNegative()) {
      throw new InvalidSettingException(
          setting, "must not be negative, was " + DurationText.of(value));
    }
  }

  public static void atLeast(String setting, Duration value, Duration min) {
    Objects.requireNonNull(value, setting);
    if (value.compareTo(min) < 0) {
      throw new InvalidSettingException(
          setting, "must be at least " + DurationText.of(min) + ", was " + DurationText.of(value));
    }
  }

  public static void atLeast(String setting, int value, int min) {
    if (value < min) {
      throw new InvalidSettingException(setting, "must be at least " + min + ", was " + value);
    }
  }

  public static void between(String setting, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidSettingException(
          setting, "must be between " + min + " and " + max + ", was " + value);
    }
  }

  public static void notBlank(String setting, String value) {
    Objects.requireNonNull(value, setting);
    if (value.isBlank()) {
      throw new InvalidSettingException(setting, "must not be blank");
    }
  }
}
