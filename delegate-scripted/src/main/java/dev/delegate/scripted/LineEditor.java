package dev.delegate.scripted;

/**
 * Reads one line from the keys, with the agent's own echo (the terminal's echo is off). Enter
 * submits, Backspace erases, a bracketed paste is taken verbatim (its newlines are text, not
 * Enter), arrows are ignored.
 */
final class LineEditor {
  private final Screen screen;
  private final Keys keys;

  LineEditor(Screen screen, Keys keys) {
    this.screen = screen;
    this.keys = keys;
  }

  /**
   * The input prompt. Ctrl-C on an empty line does nothing; with text it throws {@link Interrupted}
   * so the caller can start a fresh prompt. With {@code enterAfterPaste} (Kiro 2.11) the first
   * Enter after a paste is swallowed. Null at end of input.
   */
  String readPrompt(boolean swallowEnterAfterPaste) {
    return read(false, swallowEnterAfterPaste, null, 0);
  }

  /**
   * An answer inside a turn; Ctrl-C throws {@link Interrupted}. When {@code redrawPrompt} is not
   * null the prompt line is redrawn in place once, {@code redrawAfterMillis} after it was shown.
   */
  String readAnswer(String redrawPrompt, long redrawAfterMillis) {
    return read(true, false, redrawPrompt, redrawAfterMillis);
  }

  private String read(
      boolean interruptible, boolean swallowEnterAfterPaste, String redrawPrompt, long redrawMs) {
    StringBuilder line = new StringBuilder();
    boolean swallowEnter = false;
    long redrawAt = redrawPrompt == null ? 0 : System.nanoTime() + redrawMs * 1_000_000L;
    while (true) {
      Key key;
      try {
        if (redrawAt != 0) {
          long left = Keys.millisUntil(redrawAt);
          key = left > 0 ? keys.poll(left) : null;
          if (key == null) {
            screen.print(Ansi.ERASE_LINE + redrawPrompt + Echo.printable(line));
            screen.flush();
            redrawAt = 0;
            continue;
          }
        } else {
          key = keys.take();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      switch (key.kind) {
        case TEXT -> {
          line.append(key.text);
          screen.print(Echo.printable(key.text));
        }
        case PASTE -> {
          line.append(key.text);
          screen.print(Echo.paste(key.text));
          swallowEnter = swallowEnterAfterPaste;
        }
        case BACKSPACE -> screen.print(Echo.backspace(line));
        case ENTER -> {
          if (!swallowEnter) {
            screen.print(Ansi.CRLF);
            screen.flush();
            return line.toString();
          }
          swallowEnter = false;
        }
        case INTERRUPT -> {
          if (interruptible || line.length() > 0) {
            throw new Interrupted();
          }
        }
        case END_OF_INPUT -> {
          return null;
        }
        default -> {} // arrows: recognised, ignored
      }
      screen.flush();
    }
  }
}
