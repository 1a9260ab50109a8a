package dev.delegate.scripted;

/**
 * A vertical menu: {@code ❯} marks the choice, Up/Down move it (the menu is redrawn in place with
 * cursor-up and erase-line), Enter picks.
 */
final class Menu {
  private Menu() {}

  /**
   * Shows {@code items} and returns the picked index, or -1 at end of input. Ctrl-C throws {@link
   * Interrupted} when {@code interruptible}, else it is ignored. With {@code redrawAfterMillis} > 0
   * the menu is redrawn in place once after that long.
   */
  static int choose(
      Screen screen, Keys keys, String[] items, boolean interruptible, long redrawAfterMillis) {
    int selected = 0;
    screen.print(render(items, selected, ""));
    screen.flush();
    long redrawAt = redrawAfterMillis > 0 ? System.nanoTime() + redrawAfterMillis * 1_000_000 : 0;
    while (true) {
      Key key;
      try {
        long left = redrawAt == 0 ? 0 : Keys.millisUntil(redrawAt);
        key = redrawAt == 0 ? keys.take() : left > 0 ? keys.poll(left) : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
      int before = selected;
      if (key == null) {
        redrawAt = 0;
        before = -1; // force the one timed redraw
      } else if (key == Key.ENTER) {
        return selected;
      } else if (key == Key.END_OF_INPUT) {
        return -1;
      } else if (key == Key.INTERRUPT && interruptible) {
        throw new Interrupted();
      } else if (key == Key.UP) {
        selected = Math.max(0, selected - 1);
      } else if (key == Key.DOWN) {
        selected = Math.min(items.length - 1, selected + 1);
      }
      if (selected != before) {
        screen.print(Ansi.cursorUp(items.length) + render(items, selected, Ansi.ERASE_LINE));
        screen.flush();
      }
    }
  }

  /** The menu's lines; a redraw starts each with {@code eraseLine}. */
  private static String render(String[] items, int selected, String eraseLine) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < items.length; i++) {
      out.append(eraseLine);
      if (i == selected) {
        out.append(Ansi.CYAN).append("❯ ").append(items[i]).append(Ansi.RESET);
      } else {
        out.append("  ").append(items[i]);
      }
      out.append(Ansi.CRLF);
    }
    return out.toString();
  }
}
