package dev.delegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the scripted agent's timestamped event log ({@code SCRIPTED_AGENT_LOG} with {@code
 * SCRIPTED_AGENT_LOG_CLOCK=1}): lines {@code @<epoch micros> PROMPT <text>} when a prompt was
 * submitted and {@code @<epoch micros> READY} when the input prompt was printed again.
 */
final class AgentClock {
  /** One prompt as the agent saw it: when it arrived and when the agent printed its prompt. */
  record Turn(String prompt, Instant received, Instant ready) {}

  private AgentClock() {}

  static List<Turn> turns(Path log) throws IOException {
    List<Turn> turns = new ArrayList<>();
    String prompt = null;
    Instant received = null;
    for (String line : Files.readAllLines(log)) {
      if (!line.startsWith("@")) {
        continue;
      }
      int space = line.indexOf(' ');
      Instant at = micros(Long.parseLong(line.substring(1, space)));
      String event = line.substring(space + 1);
      if (event.startsWith("PROMPT ")) {
        prompt = event.substring(7);
        received = at;
      } else if (event.equals("READY") && prompt != null) {
        turns.add(new Turn(prompt, received, at));
        prompt = null;
      }
    }
    return turns;
  }

  private static Instant micros(long epochMicros) {
    return Instant.ofEpochSecond(epochMicros / 1_000_000, (epochMicros % 1_000_000) * 1000);
  }
}
