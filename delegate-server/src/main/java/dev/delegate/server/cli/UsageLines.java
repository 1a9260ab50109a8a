package dev.delegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.job.UsageText;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/** A job's {@code usage} and {@code budget} from its JSON, as the CLI prints them. */
final class UsageLines {
  private UsageLines() {}

  /** " usage: 12,345 in · 2,100 out · $0.0312" and " budget: $0.50", each when there is one. */
  static void print(JsonNode job, PrintWriter out) {
    String usage = UsageText.of(usage(job.path("usage")));
    if (!usage.isEmpty()) {
      out.println("  usage: " + usage);
    }
    String budget = UsageText.of(budget(job.path("budget")));
    if (!budget.isEmpty()) {
      out.println("  budget: " + budget);
    }
  }

  static Usage usage(JsonNode usage) {
    return new Usage(
        count(usage.path("inputTokens")),
        count(usage.path("outputTokens")),
        decimal(usage.path("costUsd")),
        decimal(usage.path("credits")));
  }

  static Budget budget(JsonNode budget) {
    return new Budget(decimal(budget.path("maxCostUsd")), decimal(budget.path("maxCredits")));
  }

  private static OptionalLong count(JsonNode value) {
    return value.isIntegralNumber() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
  }

  private static Optional<BigDecimal> decimal(JsonNode value) {
    return value.isNumber() ? Optional.of(value.decimalValue()) : Optional.empty();
  }
}
