package dev.delegate.scripted;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One line per event, appended and flushed at once, to the file named by {@code
 * SCRIPTED_AGENT_LOG}: {@code PROMPT <text>}, {@code ANSWER <text>}, {@code APPROVAL <tool>
 * <y|t|n>}, {@code COMMAND <line>}, {@code INTERRUPT}, {@code READY} (the input prompt was shown),
 * {@code EXIT <code>}. Text is escaped so that one event is one line: backslash, {@code \n}, {@code
 * \r}, {@code \t} and {@code \\uXXXX} for other control characters.
 */
final class EventLog {
  static final String ENV = "SCRIPTED_AGENT_LOG";
  static final String CLOCK_ENV = "SCRIPTED_AGENT_LOG_CLOCK";

  private final String path;
  private final boolean clock;

  EventLog(String path) {
    this(path, false);
  }

  /**
   * @param clock prefix every line with {@code @<microseconds since the epoch> }, for benchmarks
   *     that compare the agent's moments with the pool's
   */
  EventLog(String path, boolean clock) {
    this.path = path == null || path.isEmpty() ? null : path;
    this.clock = clock;
  }

  static EventLog fromEnvironment() {
    return new EventLog(System.getenv(ENV), "1".equals(System.getenv(CLOCK_ENV)));
  }

  void event(String kind, String text) {
    if (path == null) {
      return;
    }
    String line = text == null || text.isEmpty() ? kind : kind + " " + escape(text);
    if (clock) {
      java.time.Instant now = java.time.Instant.now();
      line = "@" + (now.getEpochSecond() * 1_000_000L + now.getNano() / 1000) + " " + line;
    }
    try (FileOutputStream file = new FileOutputStream(path, true)) {
      file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The log is a test aid; the agent keeps working without it.
    }
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            String hex = Integer.toHexString(c);
            out.append("\\u").append("0000", hex.length(), 4).append(hex);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
