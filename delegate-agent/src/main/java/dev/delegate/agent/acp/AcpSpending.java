package dev.delegate.agent.acp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.agent.Usage;
import java.math.BigDecimal;

/**
 * What an ACP session's agent reported spending since {@code session/new}, read from the three
 * places agents report it: the prompt's response (tokens), {@code usage_update} (the session's cost
 * so far) and Kiro's {@code _kiro.dev/metadata} (credits). Thread-safe.
 */
final class AcpSpending {
  private Usage session = Usage.NONE;
  private BigDecimal reportedCost = BigDecimal.ZERO;

  /** A new session: nothing spent yet. */
  synchronized void reset() {
    session = Usage.NONE;
    reportedCost = BigDecimal.ZERO;
  }

  /** Adds to the session; returns its total. */
  synchronized Usage add(Usage spent) {
    session = session.plus(spent);
    return session;
  }

  /**
   * The part of a {@code usage_update}'s cost (the session's so far, in USD) not counted yet;
   * {@link Usage#NONE} for none, or for a cost in another currency.
   */
  synchronized Usage costUpdate(JsonNode cost) {
    if (!cost.path("amount").isNumber() || !"USD".equals(cost.path("currency").asText("USD"))) {
      return Usage.NONE;
    }
    BigDecimal total = cost.path("amount").decimalValue();
    BigDecimal added = total.subtract(reportedCost);
    reportedCost = total;
    return added.signum() > 0 ? Usage.NONE.withCostUsd(added) : Usage.NONE;
  }

  /**
   * The turn's tokens from the prompt's response: ACP's {@code usage}, or Gemini CLI's {@code
   * _meta.quota.token_count}.
   */
  static Usage tokens(JsonNode result) {
    if (result == null) {
      return Usage.NONE;
    }
    JsonNode usage = result.path("usage");
    String input = "inputTokens";
    String output = "outputTokens";
    if (!usage.isObject()) {
      usage = result.path("_meta").path("quota").path("token_count");
      input = "input_tokens";
      output = "output_tokens";
    }
    Usage spent = Usage.NONE;
    if (usage.path(input).isIntegralNumber()) {
      spent = spent.withInputTokens(usage.path(input).asLong());
    }
    if (usage.path(output).isIntegralNumber()) {
      spent = spent.withOutputTokens(usage.path(output).asLong());
    }
    return spent;
  }

  /** Kiro's metering of a turn: the credits in {@code meteringUsage}. */
  static Usage kiroCredits(JsonNode metadata) {
    BigDecimal credits = BigDecimal.ZERO;
    for (JsonNode metering : metadata.path("meteringUsage")) {
      if ("credit".equals(metering.path("unit").asText()) && metering.path("value").isNumber()) {
        credits = credits.add(metering.path("value").decimalValue());
      }
    }
    return credits.signum() > 0 ? Usage.NONE.withCredits(credits) : Usage.NONE;
  }
}
