package dev.delegate.core.job;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Usage and budgets in words, the same in the pull request comment, {@code delegate status} and the
 * task page: "12,345 in · 2,100 out · $0.0312 · 0.42 credits", only the parts reported.
 */
public final class UsageText {
  private UsageText() {}

  /** The reported parts of {@code usage}; empty when nothing was reported. */
  public static String of(Usage usage) {
    List<String> parts = new ArrayList<>();
    usage.inputTokens().ifPresent(n -> parts.add(String.format(Locale.ROOT, "%,d in", n)));
    usage.outputTokens().ifPresent(n -> parts.add(String.format(Locale.ROOT, "%,d out", n)));
    usage.costUsd().ifPresent(cost -> parts.add(dollars(cost)));
    usage.credits().ifPresent(c -> parts.add(credits(c)));
    return String.join(" · ", parts);
  }

  /** The limits of {@code budget}, e.g. "$0.50 · 2 credits"; empty for {@link Budget#NONE}. */
  public static String of(Budget budget) {
    List<String> parts = new ArrayList<>();
    budget.maxCostUsd().ifPresent(cost -> parts.add(dollars(cost)));
    budget.maxCredits().ifPresent(c -> parts.add(credits(c)));
    return String.join(" · ", parts);
  }

  /** {@code $0.0312}, {@code $1.50}: no trailing zeros past the cents. */
  static String dollars(BigDecimal cost) {
    BigDecimal plain = cost.stripTrailingZeros();
    return "$" + (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
  }

  /** {@code 0.42 credits}, {@code 1 credit}. */
  static String credits(BigDecimal credits) {
    BigDecimal plain = credits.stripTrailingZeros();
    if (plain.scale() < 0) {
      plain = plain.setScale(0);
    }
    return plain.toPlainString() + (plain.compareTo(BigDecimal.ONE) == 0 ? " credit" : " credits");
  }
}
