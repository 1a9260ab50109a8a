package dev.delegate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.Usage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Budgets and usage in JSON: a request's {@code budget: {maxCostUsd, maxCredits}}, checked, and the
 * {@code usage} and {@code budget} objects of a job or task, each with only the parts that are set.
 */
public final class BudgetJson {
  /** The largest limit accepted, in dollars or credits. */
  public static final BigDecimal MAX_LIMIT = new BigDecimal("1000000");

  /** The most decimal places a limit may have (the store keeps six). */
  public static final int MAX_DECIMALS = 6;

  private static final Set<String> FIELDS = Set.of("maxCostUsd", "maxCredits");

  private BudgetJson() {}

  /**
   * Why {@code value} cannot be the limit {@code name}, in words a person can act on; empty when it
   * can.
   */
  public static Optional<String> problem(String name, BigDecimal value) {
    if (value.signum() <= 0) {
      return Optional.of(name + " must be more than 0, was " + value.toPlainString());
    }
    if (value.compareTo(MAX_LIMIT) > 0) {
      return Optional.of(name + " must be at most " + MAX_LIMIT.toPlainString());
    }
    if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
      return Optional.of(name + " has more than " + MAX_DECIMALS + " decimal places");
    }
    return Optional.empty();
  }

  /**
   * The {@code budget} field of a request body ({@code null} or absent: {@link Budget#NONE}); each
   * problem is put in {@code problems} under {@code "budget"}.
   */
  public static Budget parse(JsonNode value, Map<String, String> problems) {
    if (value == null || value.isNull()) {
      return Budget.NONE;
    }
    if (!value.isObject()) {
      problems.put("budget", "'budget' must be an object: {\"maxCostUsd\": …, \"maxCredits\": …}");
      return Budget.NONE;
    }
    for (var names = value.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        problems.put("budget", "'budget' takes maxCostUsd and maxCredits, not '" + name + "'");
        return Budget.NONE;
      }
    }
    Optional<BigDecimal> cost = limit(value.get("maxCostUsd"), "budget.maxCostUsd", problems);
    Optional<BigDecimal> credits = limit(value.get("maxCredits"), "budget.maxCredits", problems);
    return problems.containsKey("budget") ? Budget.NONE : new Budget(cost, credits);
  }

  private static Optional<BigDecimal> limit(
      JsonNode value, String name, Map<String, String> problems) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isNumber()) {
      problems.putIfAbsent("budget", "'" + name + "' must be a number");
      return Optional.empty();
    }
    BigDecimal limit = value.decimalValue();
    Optional<String> problem = problem("'" + name + "'", limit);
    problem.ifPresent(p -> problems.putIfAbsent("budget", p));
    return problem.isPresent() ? Optional.empty() : Optional.of(limit);
  }

  /** {@code {maxCostUsd, maxCredits}}, the limits that are set; empty for none. */
  public static Map<String, Object> of(Budget budget) {
    Map<String, Object> body = new LinkedHashMap<>();
    budget.maxCostUsd().ifPresent(v -> body.put("maxCostUsd", plain(v)));
    budget.maxCredits().ifPresent(v -> body.put("maxCredits", plain(v)));
    return body;
  }

  /** {@code {inputTokens, outputTokens, costUsd, credits}}, the parts reported; empty for none. */
  public static Map<String, Object> of(Usage usage) {
    Map<String, Object> body = new LinkedHashMap<>();
    usage.inputTokens().ifPresent(v -> body.put("inputTokens", v));
    usage.outputTokens().ifPresent(v -> body.put("outputTokens", v));
    usage.costUsd().ifPresent(v -> body.put("costUsd", plain(v)));
    usage.credits().ifPresent(v -> body.put("credits", plain(v)));
    return body;
  }

  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
