package dev.delegate.agent.acp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders the protocol's session updates as terminal text for a person watching the job: agent text
 * as it streams, thoughts dimmed, each tool call on a line of its own with its status, diffs and
 * command output shortened, plans as checklists.
 */
final class AcpRender {
  static final String DIM = "\u001b[2m";
  static final String CYAN = "\u001b[36m";
  static final String GREEN = "\u001b[32m";
  static final String RED = "\u001b[31m";
  static final String YELLOW = "\u001b[33m";
  static final String RESET = "\u001b[0m";
  private static final int MAX_CONTENT_LINES = 20;

  private AcpRender() {}

  /** Text with line breaks a terminal understands. */
  static String text(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  static String thought(String text) {
    return DIM + text(text) + RESET;
  }

  /** A new tool call: {@code ● Writing notes.md (edit)}. */
  static String toolCall(JsonNode call) {
    StringBuilder out = new StringBuilder("\r\n");
    out.append(CYAN).append("● ").append(oneLine(call.path("title").asText("tool call")));
    String kind = call.path("kind").asText("");
    if (!kind.isEmpty()) {
      out.append(DIM).append(" (").append(kind).append(')');
    }
    out.append(RESET).append("\r\n");
    content(call.path("content"), out);
    return out.toString();
  }

  /** A tool call's progress: its content and, once over, how it ended. */
  static String toolUpdate(JsonNode update) {
    StringBuilder out = new StringBuilder();
    content(update.path("content"), out);
    String status = update.path("status").asText("");
    switch (status) {
      case "completed" -> out.append(GREEN).append("  ⎿ done").append(RESET).append("\r\n");
      case "failed" -> out.append(RED).append("  ⎿ failed").append(RESET).append("\r\n");
      default -> {
        // pending and in_progress say nothing new
      }
    }
    return out.toString();
  }

  static String plan(JsonNode entries) {
    StringBuilder out = new StringBuilder("\r\n").append(YELLOW).append("Plan").append(RESET);
    out.append("\r\n");
    for (JsonNode entry : entries) {
      String mark =
          switch (entry.path("status").asText("")) {
            case "completed" -> "[x]";
            case "in_progress" -> "[~]";
            default -> "[ ]";
          };
      out.append("  ").append(mark).append(' ');
      out.append(oneLine(entry.path("content").asText(""))).append("\r\n");
    }
    return out.toString();
  }

  /** An approval and its answer, e.g. {@code ✓ allowed edit notes.md (rule: allow kind=write)}. */
  static String approval(String verdict, boolean allowed, String what, String reason) {
    return (allowed ? GREEN + "  ✓ " : RED + "  ✗ ")
        + verdict
        + " "
        + oneLine(what)
        + RESET
        + DIM
        + " ("
        + oneLine(reason)
        + ")"
        + RESET
        + "\r\n";
  }

  private static void content(JsonNode items, StringBuilder out) {
    if (!items.isArray()) {
      return;
    }
    for (JsonNode item : items) {
      switch (item.path("type").asText("")) {
        case "diff" -> diff(item, out);
        case "content" -> {
          JsonNode block = item.path("content");
          if ("text".equals(block.path("type").asText())) {
            lines(block.path("text").asText(""), "    ", DIM, out);
          }
        }
        default -> {
          // terminals and other content kinds have nothing to show here
        }
      }
    }
  }

  private static void diff(JsonNode item, StringBuilder out) {
    out.append("    ").append(DIM).append(item.path("path").asText("")).append(RESET);
    out.append("\r\n");
    String oldText = item.path("oldText").isTextual() ? item.path("oldText").asText() : null;
    if (oldText != null && !oldText.isEmpty()) {
      lines(oldText, "    - ", RED, out);
    }
    lines(item.path("newText").asText(""), "    + ", GREEN, out);
  }

  private static void lines(String text, String prefix, String colour, StringBuilder out) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String[] lines = body.split("\r?\n", -1);
    int count = lines.length;
    for (int i = 0; i < Math.min(count, MAX_CONTENT_LINES); i++) {
      out.append(colour).append(prefix).append(lines[i]).append(RESET).append("\r\n");
    }
    if (count > MAX_CONTENT_LINES) {
      out.append(DIM).append(prefix).append("… ").append(count - MAX_CONTENT_LINES);
      out.append(" more lines").append(RESET).append("\r\n");
    }
  }

  static String oneLine(String text) {
    String flat = text.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "");
    return flat.length() <= 160 ? flat : flat.substring(0, 159) + "…";
  }
}
