package dev.delegate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.server.http.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class UsageLinesTest {

  private static String status(String json) throws Exception {
    StringWriter out = new StringWriter();
    StatusCommand.print(Http.JSON.readTree(json), new PrintWriter(out, true));
    return out.toString();
  }

  @Test
  void should_print_the_usage_and_budget_a_job_reports() throws Exception {
    String printed =
        status(
            """
            {"id":"j-1","state":"TIMED_OUT","attempts":1,"timingsMs":{},
             "failure":"budget reached: cost $0.52 over the $0.50 budget",
             "usage":{"inputTokens":12345,"outputTokens":2100,"costUsd":0.0312,"credits":0.42},
             "budget":{"maxCostUsd":0.5}}
            """);

    assertThat(printed)
        .contains("  usage: 12,345 in · 2,100 out · $0.0312 · 0.42 credits\n")
        .contains("  budget: $0.50\n")
        .contains("  failure: budget reached: cost $0.52 over the $0.50 budget");
  }

  @Test
  void should_print_no_usage_line_when_nothing_was_reported() throws Exception {
    String printed = status("{\"id\":\"j-1\",\"state\":\"SUCCEEDED\",\"usage\":{},\"budget\":{}}");

    assertThat(printed).doesNotContain("usage").doesNotContain("budget");
  }
}
