package dev.delegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** A job's acceptance criteria and their verdicts from its JSON, as the CLI prints them. */
final class CriteriaLines {
  private static final int MAX_EVIDENCE = 100;

  private CriteriaLines() {}

  /**
   * " criteria: 2 of 3 acceptance criteria met" and a line per criterion (" [x] met Text —
   * evidence"); " criteria: N, not checked yet" before the verdicts; nothing without criteria.
   */
  static void print(JsonNode job, PrintWriter out) {
    JsonNode criteria = job.path("acceptanceCriteria");
    if (!criteria.isArray() || criteria.isEmpty()) {
      return;
    }
    JsonNode verdicts = job.path("verdicts");
    if (!verdicts.isArray() || verdicts.isEmpty()) {
      out.println("  criteria: " + criteria.size() + ", not checked yet");
      return;
    }
    out.println("  criteria: " + job.path("criteriaMet").asText());
    for (JsonNode v : verdicts) {
      String verdict = v.path("verdict").asText();
      StringBuilder line =
          new StringBuilder("    ")
              .append("met".equals(verdict) ? "[x] " : "[ ] ")
              .append(String.format(java.util.Locale.ROOT, "%-8s ", verdict))
              .append(v.path("text").asText());
      if (v.path("exitCode").isInt()) {
        line.append(" (exit ").append(v.path("exitCode").asInt()).append(')');
      }
      String evidence = lastLine(v.path("evidence").asText());
      if (!evidence.isEmpty()) {
        line.append(" — ").append(evidence);
      }
      out.println(line);
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\\R");
    String last = lines[lines.length - 1].strip();
    return last.length() > MAX_EVIDENCE ? last.substring(0, MAX_EVIDENCE - 1) + "…" : last;
  }
}
