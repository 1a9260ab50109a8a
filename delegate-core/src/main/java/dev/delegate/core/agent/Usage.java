package dev.delegate.core.agent;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an agent reported spending: tokens, cost in US dollars and Kiro credits. Each part is empty
 * when the agent never reported it (most terminal agents report nothing), so "no cost reported" and
 * "cost 0" stay apart.
 */
public record Usage(
    OptionalLong inputTokens,
    OptionalLong outputTokens,
    Optional<BigDecimal> costUsd,
    Optional<BigDecimal> credits) {

  public static final Usage NONE =
      new Usage(OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty());

  public Usage {
    Objects.requireNonNull(inputTokens, "inputTokens");
    Objects.requireNonNull(outputTokens, "outputTokens");
    Objects.requireNonNull(costUsd, "costUsd");
    Objects.requireNonNull(credits, "credits");
  }

  /** True when nothing was reported. */
  public boolean isEmpty() {
    return inputTokens.isEmpty()
        && outputTokens.isEmpty()
        && costUsd.isEmpty()
        && credits.isEmpty();
  }

  /** Both reports added part by part (a part reported by either side is reported). */
  public Usage plus(Usage other) {
    return new Usage(
        add(inputTokens, other.inputTokens),
        add(outputTokens, other.outputTokens),
        add(costUsd, other.costUsd),
        add(credits, other.credits));
  }

  public Usage withInputTokens(long tokens) {
    return new Usage(OptionalLong.of(tokens), outputTokens, costUsd, credits);
  }

  public Usage withOutputTokens(long tokens) {
    return new Usage(inputTokens, OptionalLong.of(tokens), costUsd, credits);
  }

  public Usage withCostUsd(BigDecimal cost) {
    return new Usage(inputTokens, outputTokens, Optional.of(cost), credits);
  }

  public Usage withCredits(BigDecimal value) {
    return new Usage(inputTokens, outputTokens, costUsd, Optional.of(value));
  }

  private static OptionalLong add(OptionalLong a, OptionalLong b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : OptionalLong.of(a.getAsLong() + b.getAsLong());
  }

  private static Optional<BigDecimal> add(Optional<BigDecimal> a, Optional<BigDecimal> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : Optional.of(a.get().add(b.get()));
  }
}
