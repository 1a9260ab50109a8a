package dev.delegate.core.job;

import java.util.ArrayList;
import java.util.List;

/**
 * What a job knows of TASK.md: its name, its status line (the last line starting with ⏳, ✅ or ❌,
 * which a job's ending rewrites) and the seed's prompt built from the task details. How a task
 * becomes TASK.md is {@code TaskDocument}'s part.
 */
public final class TaskFile {
  public static final String NAME = "TASK.md";

  private TaskFile() {}

  /** {@code markdown} with its status line replaced, or the status appended when it has none. */
  public static String replaceStatus(String markdown, String statusLine) {
    List<String> lines = new ArrayList<>(markdown.lines().toList());
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (line.startsWith("⏳") || line.startsWith("✅") || line.startsWith("❌")) {
        lines.set(i, statusLine);
        return String.join("\n", lines) + "\n";
      }
    }
    return markdown.stripTrailing() + "\n\n" + statusLine + "\n";
  }

  /** The seed's prompt for the agent, from {@code taskDetails} as {@code process-pr} got it. */
  public static String promptFor(String taskDetails) {
    String details = taskDetails == null ? "" : taskDetails.strip();
    return ("Read TASK.md and implement the feature. " + details).strip();
  }
}
