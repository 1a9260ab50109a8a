package dev.delegate.agent.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds rows of a screen that match a pattern and were not already on screen when the watch began.
 * Rows that matched at the start are stale; one stops being stale for good once it left the screen
 * (scrolled off or was cleared), so the same text drawn again later counts as new. Identical rows
 * are counted: a second {@code Worked for 1s} below a stale one is new.
 */
final class FreshRows {
  private final Pattern pattern;
  private final Map<String, Integer> stale;

  FreshRows(Pattern pattern, List<String> rowsAtStart) {
    this.pattern = pattern;
    this.stale = count(rowsAtStart);
  }

  /**
   * @return the index of the first fresh matching row, or -1
   */
  int find(List<String> rows) {
    Map<String, Integer> seen = new HashMap<>();
    int fresh = -1;
    for (int i = 0; i < rows.size(); i++) {
      String row = rows.get(i);
      if (pattern.matcher(row).find()) {
        int n = seen.merge(row, 1, Integer::sum);
        if (fresh < 0 && n > stale.getOrDefault(row, 0)) {
          fresh = i;
        }
      }
    }
    stale.replaceAll((row, n) -> Math.min(n, seen.getOrDefault(row, 0)));
    return fresh;
  }

  private Map<String, Integer> count(List<String> rows) {
    Map<String, Integer> counts = new HashMap<>();
    for (String row : rows) {
      if (pattern.matcher(row).find()) {
        counts.merge(row, 1, Integer::sum);
      }
    }
    return counts;
  }
}
