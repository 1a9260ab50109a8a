package dev.delegate.terminal;

import java.lang.reflect.Field;
import java.util.List;
import org.jline.builtins.ScreenTerminal;

/**
 * Bounds ScreenTerminal's scrollback. Every row that scrolls off the top of the full screen goes
 * into a private list that is never trimmed and that no method clears (not even a reset), about 1
 * KB per row at 120 columns: a warm agent session would leak without bound. ScreenTerminal offers
 * no API for it, so the list is reached by reflection once and cut back after each feed. If a JLine
 * upgrade renames it, {@link #active()} turns false and {@code ScrollbackLimitTest} fails.
 */
final class ScrollbackLimit {

  /** Rows kept; ScreenTerminal pulls them back when the screen grows taller. */
  static final int MAX_ROWS = 1000;

  private final List<?> history;

  ScrollbackLimit(ScreenTerminal terminal) {
    this.history = find(terminal);
  }

  boolean active() {
    return history != null;
  }

  /** Drops the oldest rows once there are twice as many as kept, so trimming is amortised O(1). */
  void apply() {
    if (history != null && history.size() > 2 * MAX_ROWS) {
      history.subList(0, history.size() - MAX_ROWS).clear();
    }
  }

  int size() {
    return history == null ? 0 : history.size();
  }

  private static List<?> find(ScreenTerminal terminal) {
    try {
      Field field = ScreenTerminal.class.getDeclaredField("history");
      field.setAccessible(true);
      return field.get(terminal) instanceof List<?> list ? list : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
