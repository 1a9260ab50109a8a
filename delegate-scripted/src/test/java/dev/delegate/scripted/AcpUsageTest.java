package dev.delegate.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a turn costs over ACP: usage in the answer, usage updates, Kiro's credits, cost steps. */
class AcpUsageTest {
  @TempDir Path tmp;
  Path work;
  Path scenarios;

  @BeforeEach
  void dirs() throws Exception {
    work = Files.createDirectories(tmp.resolve("work"));
    scenarios = Files.createDirectories(tmp.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("tools.scenario"),
        "match two-tools\nrun true\nwrite x.txt <<EOF\nx\nEOF\nreply 12345678\n");
    Files.writeString(
        scenarios.resolve("spend.scenario"), "match spend\ncost 0.5\nthink 30\nreply never\n");
  }

  private static BigDecimal decimal(Object value) {
    return value instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) value;
  }

  private static BigDecimal amount(Map<String, Object> usageUpdate) {
    return decimal(Json.asObject(usageUpdate.get("cost")).get("amount"));
  }

  private static BigDecimal credits(Map<String, Object> metadata) {
    return decimal(Json.asObject(Json.asList(metadata.get("meteringUsage")).get(0)).get("value"));
  }

  @Test
  void should_report_tokens_cost_and_credits_before_the_prompts_answer() throws Exception {
    try (AcpClient agent =
        AcpClient.ready(work, "--trust-all-tools", "--scenarios", scenarios.toString())) {
      String session = agent.newSession(work);
      long prompt = agent.prompt(session, "two-tools");
      Map<String, Object> response = agent.awaitResponse(prompt);
      List<Map<String, Object>> messages = agent.messages();
      int answered = messages.indexOf(response);

      List<Map<String, Object>> usage = agent.updates(session, "usage_update");
      assertThat(usage).hasSize(1);
      // prompt: 9 chars -> 3 tokens; agent text "12345678\n": 9 chars -> 3 tokens
      assertThat(usage.get(0)).containsEntry("used", 6L).containsEntry("size", 200_000L);
      assertThat(amount(usage.get(0))).isEqualByComparingTo("0.0003");
      assertThat(Json.asObject(usage.get(0).get("cost"))).containsEntry("currency", "USD");
      Map<String, Object> metadata = agent.notifications("_kiro.dev/metadata").get(0);
      assertThat(metadata).containsEntry("sessionId", session).containsKey("turnDurationMs");
      assertThat(credits(metadata)).isEqualByComparingTo("0.012");
      assertThat(Json.write(metadata))
          .contains("\"unit\":\"credit\"", "\"unitPlural\":\"credits\"");
      for (int i = answered + 1; i < messages.size(); i++) {
        assertThat(Json.write(messages.get(i)))
            .doesNotContain("usage_update", "_kiro.dev/metadata");
      }
      assertThat(Json.asObject(Json.asObject(response.get("result")).get("usage")))
          .containsEntry("inputTokens", 3L)
          .containsEntry("outputTokens", 3L)
          .containsEntry("totalTokens", 6L);

      agent.awaitResponse(agent.prompt(session, "two-tools"));
      List<Map<String, Object>> later = agent.updates(session, "usage_update");
      assertThat(later.get(1)).containsEntry("used", 12L);
      assertThat(amount(later.get(1))).isEqualByComparingTo("0.0006");
    }
  }

  @Test
  void should_spend_a_cost_step_at_once_while_the_turn_goes_on() throws Exception {
    try (AcpClient agent = AcpClient.ready(work, "--scenarios", scenarios.toString())) {
      String session = agent.newSession(work);
      long prompt = agent.prompt(session, "spend");
      Map<String, Object> update =
          agent.awaitMessage(m -> Json.write(m).contains("\"sessionUpdate\":\"usage_update\""));
      assertThat(amount(Json.asObject(Json.asObject(update.get("params")).get("update"))))
          .isEqualByComparingTo("0.5");
      Map<String, Object> metadata =
          agent.awaitMessage(m -> "_kiro.dev/metadata".equals(m.get("method")));
      assertThat(credits(Json.asObject(metadata.get("params")))).isEqualByComparingTo("5");
      assertThat(agent.isAlive()).isTrue();

      agent.notify("session/cancel", Json.object("sessionId", session));
      Map<String, Object> response = agent.awaitResponse(prompt);
      assertThat(Json.asObject(response.get("result"))).containsEntry("stopReason", "cancelled");
      List<Map<String, Object>> usage = agent.updates(session, "usage_update");
      assertThat(amount(usage.get(usage.size() - 1))).isEqualByComparingTo("0.5");
    }
  }
}
