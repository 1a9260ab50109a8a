package dev.delegate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.Usage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetJsonTest {

  private static Budget parse(String json, Map<String, String> problems) throws Exception {
    return BudgetJson.parse(Http.JSON.readTree(json).get("budget"), problems);
  }

  @Test
  void should_read_a_budget_with_either_limit_or_none() throws Exception {
    Map<String, String> problems = new LinkedHashMap<>();

    assertThat(parse("{\"budget\":{\"maxCostUsd\":0.25}}", problems).maxCostUsd())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.25"));
    assertThat(parse("{\"budget\":{\"maxCredits\":3}}", problems).maxCredits())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("3"));
    assertThat(parse("{}", problems)).isEqualTo(Budget.NONE);
    assertThat(parse("{\"budget\":null}", problems)).isEqualTo(Budget.NONE);
    assertThat(problems).isEmpty();
  }

  @Test
  void should_show_only_the_parts_reported_as_plain_numbers() throws Exception {
    Usage usage =
        Usage.NONE
            .withInputTokens(12_345)
            .withCostUsd(new BigDecimal("0.031200"))
            .withCredits(new BigDecimal("2.000000"));

    assertThat(Http.JSON.writeValueAsString(BudgetJson.of(usage)))
        .isEqualTo("{\"inputTokens\":12345,\"costUsd\":0.0312,\"credits\":2}");
    assertThat(Http.JSON.writeValueAsString(BudgetJson.of(Usage.NONE))).isEqualTo("{}");
    assertThat(
            Http.JSON.writeValueAsString(
                BudgetJson.of(new Budget(Optional.empty(), Optional.of(new BigDecimal("1E+2"))))))
        .isEqualTo("{\"maxCredits\":100}");
  }

  @Test
  void should_say_what_is_wrong_with_a_limit() {
    assertThat(BudgetJson.problem("--max-credits", new BigDecimal("-1")))
        .hasValue("--max-credits must be more than 0, was -1");
    assertThat(BudgetJson.problem("--max-cost-usd", new BigDecimal("0.1234567")))
        .hasValue("--max-cost-usd has more than 6 decimal places");
    assertThat(BudgetJson.problem("--max-cost-usd", new BigDecimal("12.50"))).isEmpty();
  }
}
