package dev.delegate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.http.Http;
import dev.delegate.testkit.job.SettableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobProgressTest {
  static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
  static final String REDRAW = "\r\u001B[K";

  final SettableClock clock = new SettableClock(CREATED);
  final StringWriter text = new StringWriter();

  JobProgress progress(boolean live, int width) {
    return new JobProgress(new PrintWriter(text), live, width, Duration.ofSeconds(10), clock);
  }

  static JsonNode job(String... states) throws Exception {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < states.length; i++) {
      if (i > 0) {
        events.append(',');
      }
      events
          .append("{\"to\":\"")
          .append(states[i])
          .append("\",\"at\":\"")
          .append(CREATED.plusSeconds(i))
          .append("\"}");
    }
    return Http.JSON.readTree(
        "{\"id\":\"j1\",\"state\":\""
            + states[states.length - 1]
            + "\",\"createdAt\":\""
            + CREATED
            + "\",\"events\":["
            + events
            + "]}");
  }

  @Test
  void should_draw_one_line_in_place_with_elapsed_time_state_and_the_agents_latest_line()
      throws Exception {
    JobProgress live = progress(true, 80);
    live.accept(job("QUEUED", "PREPARING", "RUNNING"));
    live.output("\u001B[1;32m⠋\u001B[0m Thinking…\r\u001B[2K⠙ Thinking…");
    clock.advance(Duration.ofMillis(12_300));
    text.getBuffer().setLength(0);

    live.tick();

    assertThat(text.toString()).isEqualTo(REDRAW + "[  12.30 s] RUNNING  ⠙ Thinking…");

    text.getBuffer().setLength(0);
    live.output("\nwrote src/export.js\n\n");
    clock.advance(Duration.ofSeconds(1));
    live.tick();
    assertThat(text.toString()).isEqualTo(REDRAW + "[  13.30 s] RUNNING  wrote src/export.js");
  }

  @Test
  void should_print_a_new_state_as_a_line_of_its_own_above_the_line_drawn_in_place()
      throws Exception {
    JobProgress live = progress(true, 80);
    live.accept(job("QUEUED", "PREPARING", "RUNNING"));
    text.getBuffer().setLength(0);

    live.accept(job("QUEUED", "PREPARING", "RUNNING", "COMMITTING"));

    assertThat(text.toString())
        .isEqualTo(REDRAW + "[   3.00 s] COMMITTING\n" + "[   0.00 s] COMMITTING");

    live.output("> ");
    text.getBuffer().setLength(0);
    live.tick();
    assertThat(text.toString())
        .as("the agent's prompt after its turn is not shown")
        .isEqualTo(REDRAW + "[   0.00 s] COMMITTING");

    text.getBuffer().setLength(0);
    live.accept(job("QUEUED", "PREPARING", "RUNNING", "COMMITTING", "SUCCEEDED"));
    live.tick();
    live.close();
    assertThat(text.toString()).isEqualTo(REDRAW + "[   4.00 s] SUCCEEDED\n" + REDRAW);
  }

  @Test
  void should_cut_the_line_to_the_terminals_width() throws Exception {
    JobProgress live = progress(true, 40);
    live.accept(job("RUNNING"));
    live.output("x".repeat(200));
    text.getBuffer().setLength(0);

    live.tick();

    String drawn = text.toString().substring(REDRAW.length());
    assertThat(drawn).hasSize(39).startsWith("[   0.00 s] RUNNING  xxx").endsWith("x…");
  }

  @Test
  void should_add_a_plain_line_only_when_the_agent_printed_something_new_and_10_s_passed()
      throws Exception {
    JobProgress plain = progress(false, 80);
    plain.accept(job("QUEUED", "RUNNING"));
    text.getBuffer().setLength(0);
    plain.output("step one\n");

    clock.advance(Duration.ofSeconds(9));
    plain.tick();
    assertThat(text.toString()).as("not 10 s yet").isEmpty();

    clock.advance(Duration.ofSeconds(1));
    plain.tick();
    assertThat(text.toString()).isEqualTo("[  10.00 s]   still RUNNING: step one\n");

    clock.advance(Duration.ofSeconds(30));
    plain.tick();
    assertThat(text.toString())
        .as("nothing new")
        .isEqualTo("[  10.00 s]   still RUNNING: step one\n");

    plain.output("step two");
    plain.tick();
    plain.close();
    assertThat(text.toString())
        .doesNotContain("\r", "\u001B")
        .endsWith("[  40.00 s]   still RUNNING: step two\n");
  }

  @Test
  void should_keep_the_latest_line_that_is_not_blank_without_escape_sequences() {
    LastLine line = new LastLine();
    assertThat(line.get()).isEmpty();
    line.add("\u001B]0;title\u0007first\n\u001B[?25lsec");
    line.add("ond\r\n   \n\u001B[31m\u001B[0m");
    assertThat(line.get()).isEqualTo("second");
    line.add("50%\r60%\r");
    assertThat(line.get()).isEqualTo("60%");
  }
}
