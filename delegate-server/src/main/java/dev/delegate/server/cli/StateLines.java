package dev.delegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints one line per state a job reached, {@code [ 1.23 s] RUNNING}, with the time since the job
 * was created. The lines come from the job's event log, so a state the job passed through between
 * two looks is printed too, each once, however often the same job is shown.
 */
final class StateLines implements Consumer<JsonNode> {
  private final PrintWriter out;
  private int printed;
  private String lastState = "";

  StateLines(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void accept(JsonNode job) {
    List<JsonNode> changes = JobFollower.stateChanges(job);
    Instant created = instant(job.path("createdAt").asText(), Instant.EPOCH);
    if (changes.isEmpty()) {
      String state = job.path("state").asText();
      if (!state.equals(lastState)) {
        print(state, Duration.ZERO);
      }
    }
    for (int i = printed; i < changes.size(); i++) {
      JsonNode change = changes.get(i);
      print(
          change.path("to").asText(),
          Duration.between(created, instant(change.path("at").asText(), created)));
    }
    printed = Math.max(printed, changes.size());
    out.flush();
  }

  private void print(String state, Duration sinceCreated) {
    out.printf(Locale.ROOT, "[%7.2f s] %s%n", Math.max(0, sinceCreated.toMillis()) / 1000.0, state);
    lastState = state;
  }

  private static Instant instant(String text, Instant otherwise) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return otherwise;
    }
  }
}
