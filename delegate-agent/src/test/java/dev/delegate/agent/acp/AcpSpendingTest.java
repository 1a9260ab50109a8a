package dev.delegate.agent.acp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.agent.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AcpSpendingTest {
  private static JsonNode json(String text) throws Exception {
    return AcpConnection.JSON.readTree(text);
  }

  @Test
  void should_count_only_what_each_usage_update_adds_to_the_sessions_cost() throws Exception {
    AcpSpending spending = new AcpSpending();

    Usage first = spending.costUpdate(json("{\"amount\":0.25,\"currency\":\"USD\"}"));
    Usage second = spending.costUpdate(json("{\"amount\":0.40,\"currency\":\"USD\"}"));
    Usage same = spending.costUpdate(json("{\"amount\":0.40,\"currency\":\"USD\"}"));

    assertThat(first.costUsd()).hasValue(new BigDecimal("0.25"));
    assertThat(second.costUsd()).hasValue(new BigDecimal("0.15"));
    assertThat(same.isEmpty()).isTrue();
    assertThat(spending.add(first).plus(second).costUsd()).hasValue(new BigDecimal("0.40"));
  }

  @Test
  void should_start_a_new_session_from_nothing() throws Exception {
    AcpSpending spending = new AcpSpending();
    spending.add(spending.costUpdate(json("{\"amount\":1.5,\"currency\":\"USD\"}")));

    spending.reset();

    assertThat(spending.costUpdate(json("{\"amount\":0.1,\"currency\":\"USD\"}")).costUsd())
        .hasValue(new BigDecimal("0.1"));
    assertThat(spending.add(Usage.NONE).isEmpty()).isTrue();
  }

  @Test
  void should_ignore_a_cost_in_another_currency() throws Exception {
    assertThat(new AcpSpending().costUpdate(json("{\"amount\":3,\"currency\":\"EUR\"}")).isEmpty())
        .isTrue();
  }

  @Test
  void should_read_tokens_from_acp_usage_or_gemini_metadata() throws Exception {
    Usage acp =
        AcpSpending.tokens(
            json(
                "{\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":12,\"outputTokens\":3}}"));
    Usage gemini =
        AcpSpending.tokens(
            json(
                "{\"stopReason\":\"end_turn\",\"_meta\":{\"quota\":{\"token_count\":"
                    + "{\"input_tokens\":40,\"output_tokens\":9}}}}"));

    assertThat(acp.inputTokens()).hasValue(12);
    assertThat(acp.outputTokens()).hasValue(3);
    assertThat(gemini.inputTokens()).hasValue(40);
    assertThat(gemini.outputTokens()).hasValue(9);
    assertThat(AcpSpending.tokens(json("{\"stopReason\":\"end_turn\"}")).isEmpty()).isTrue();
  }

  @Test
  void should_add_up_kiros_credits() throws Exception {
    Usage credits =
        AcpSpending.kiroCredits(
            json(
                "{\"meteringUsage\":[{\"value\":0.05,\"unit\":\"credit\"},"
                    + "{\"value\":0.02,\"unit\":\"credit\"},{\"value\":7,\"unit\":\"second\"}]}"));

    assertThat(credits.credits()).hasValue(new BigDecimal("0.07"));
    assertThat(credits.costUsd()).isEmpty();
  }
}
