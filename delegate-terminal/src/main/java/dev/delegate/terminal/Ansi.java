package dev.delegate.terminal;

/** One-shot helpers for terminal output. */
public final class Ansi {

  private Ansi() {}

  /**
   * {@code text} without escape sequences, as {@link TerminalText} reads it: carriage returns
   * overwrite, column moves become spaces, committed lines lose trailing spaces and output drawn on
   * the alternate screen is left out. For logs and error messages.
   */
  public static String strip(CharSequence text) {
    TerminalText view = new TerminalText(Integer.MAX_VALUE);
    view.feed(text);
    return view.textSince(0);
  }
}
