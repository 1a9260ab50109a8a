package dev.delegate.core.agent;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The most a job may spend, as far as its agent reports spending ({@link Usage}): a turn whose
 * reported cost or credits go past a limit is stopped and ends "budget reached".
 */
public record Budget(Optional<BigDecimal> maxCostUsd, Optional<BigDecimal> maxCredits) {
  public static final Budget NONE = new Budget(Optional.empty(), Optional.empty());
  public static final String REACHED = "budget reached";

  public Budget {
    Objects.requireNonNull(maxCostUsd, "maxCostUsd");
    Objects.requireNonNull(maxCredits, "maxCredits");
    maxCostUsd.ifPresent(v -> requirePositive(v, "maxCostUsd"));
    maxCredits.ifPresent(v -> requirePositive(v, "maxCredits"));
  }

  public boolean isNone() {
    return maxCostUsd.isEmpty() && maxCredits.isEmpty();
  }

  /** The limit {@code usage} went past, in words, e.g. "cost $0.52 over the $0.50 budget". */
  public Optional<String> exceededBy(Usage usage) {
    if (maxCostUsd.isPresent()
        && usage.costUsd().isPresent()
        && usage.costUsd().get().compareTo(maxCostUsd.get()) > 0) {
      return Optional.of(
          "cost $"
              + usage.costUsd().get().toPlainString()
              + " over the $"
              + maxCostUsd.get().toPlainString()
              + " budget");
    }
    if (maxCredits.isPresent()
        && usage.credits().isPresent()
        && usage.credits().get().compareTo(maxCredits.get()) > 0) {
      return Optional.of(
          usage.credits().get().toPlainString()
              + " credits over the budget of "
              + maxCredits.get().toPlainString());
    }
    return Optional.empty();
  }

  /**
   * What is left of this budget once {@code spent} (earlier attempts) is taken off; never below 0.
   */
  public Budget minus(Usage spent) {
    return new Budget(
        maxCostUsd.map(max -> left(max, spent.costUsd())),
        maxCredits.map(max -> left(max, spent.credits())));
  }

  private static BigDecimal left(BigDecimal max, Optional<BigDecimal> spent) {
    BigDecimal rest = max.subtract(spent.orElse(BigDecimal.ZERO));
    return rest.signum() > 0 ? rest : new BigDecimal("0.000001");
  }

  private static void requirePositive(BigDecimal value, String name) {
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be more than 0, was " + value);
    }
  }
}
