package dev.delegate.terminal;

import java.util.function.Consumer;

/**
 * The plain text a line-oriented CLI printed, read incrementally from raw PTY output.
 *
 * <p>Feed decoded chunks as they arrive ({@link #feed}); a chunk may end anywhere, including inside
 * an escape sequence or a surrogate pair. The view keeps one line being written ({@link
 * #currentLine}) and the committed lines before it, numbered from 0 for the first line ever
 * committed, so a caller can remember {@link #committedLines()} before sending a prompt and later
 * read only what came after with {@link #textSince}.
 *
 * <p>What it understands: {@code \r} returns to column 0 and later characters overwrite (a spinner
 * redrawn with {@code \r} and {@code ESC[2K} stays one line); {@code \n} commits the line; {@code
 * \b} and TAB move; {@code ESC[nG}, {@code ESC[nC}, {@code ESC[nD} and the column of {@code
 * ESC[r;cH} move within the line, padding with spaces when text follows, so words placed by column
 * are not glued; {@code ESC[K}, {@code ESC[1K}, {@code ESC[2K}, {@code ESC[nX}, {@code ESC[nP} and
 * {@code ESC[n@} edit it. Every other sequence is removed; OSC payloads go to the listener.
 *
 * <p>What it does not: cursor rows. Moves up and down are ignored, so a program that redraws an
 * area of the screen (Claude Code's footer, any full-screen TUI) leaves overwritten fragments here;
 * read such programs through {@link TerminalScreen}. Output drawn on the alternate screen ({@code
 * ESC[?1049h} until {@code ESC[?1049l}) is skipped entirely, so a full-screen program's frames do
 * not leak into this view.
 *
 * <p>Memory is bounded: committed lines are dropped oldest first beyond {@code maxRetainedChars},
 * and a line longer than {@link #MAX_LINE_CHARS} is wrapped. Feeding is O(n) in the input. Methods
 * are synchronized, so one thread may feed while others read.
 */
public final class TerminalText {

  /** A line reaching this many columns is committed and continued on the next line. */
  public static final int MAX_LINE_CHARS = 16_384;

  private final LineBuffer line = new LineBuffer(MAX_LINE_CHARS);
  private final LineRing lines;
  private final StreamInterpreter interpreter;
  private final AnsiParser parser;

  /** A view keeping about {@code maxRetainedChars} of committed text. */
  public TerminalText(int maxRetainedChars) {
    this(maxRetainedChars, null);
  }

  /**
   * A view keeping about {@code maxRetainedChars} of committed text that passes every OSC payload
   * (such as {@code 7501;state=idle:app=codex} or {@code 0;title}) to {@code oscListener} on the
   * feeding thread, in stream order. An exception from the listener propagates out of {@link #feed}
   * and the rest of that chunk is not read.
   */
  public TerminalText(int maxRetainedChars, Consumer<String> oscListener) {
    if (maxRetainedChars < 1) {
      throw new IllegalArgumentException("maxRetainedChars must be positive: " + maxRetainedChars);
    }
    this.lines = new LineRing(maxRetainedChars);
    this.interpreter = new StreamInterpreter(line, lines, oscListener);
    this.parser = new AnsiParser(interpreter);
  }

  public synchronized void feed(CharSequence chunk) {
    parser.feed(chunk);
  }

  /** How many lines have been committed since the start (also the number of the next one). */
  public synchronized long committedLines() {
    return lines.endNumber();
  }

  /** Absolute number of the oldest committed line still retained. */
  public synchronized long firstRetainedLine() {
    return lines.firstNumber();
  }

  /** The line being written, as it stands (not trimmed: a prompt may end in a space). */
  public synchronized String currentLine() {
    return line.render(false);
  }

  /**
   * Committed lines from absolute number {@code lineNumber} (or the oldest retained one, if that
   * was dropped), each followed by {@code \n}, then the current line. Committed lines have their
   * trailing spaces removed.
   */
  public synchronized String textSince(long lineNumber) {
    StringBuilder sb = new StringBuilder();
    for (long n = Math.max(lineNumber, lines.firstNumber()); n < lines.endNumber(); n++) {
      sb.append(lines.get(n)).append('\n');
    }
    return sb.append(line.render(false)).toString();
  }

  /** The last {@code maxChars} characters of {@link #textSince} the oldest retained line. */
  public synchronized String tail(int maxChars) {
    String current = line.render(false);
    long from = lines.endNumber();
    long chars = current.length();
    while (from > lines.firstNumber() && chars < maxChars) {
      from--;
      chars += lines.get(from).length() + 1L;
    }
    String text = textSince(from);
    int start = Math.max(0, text.length() - Math.max(0, maxChars));
    if (start > 0 && start < text.length() && Character.isLowSurrogate(text.charAt(start))) {
      start++;
    }
    return text.substring(start);
  }

  /** Characters ever committed, counting each line's newline; grows monotonically. */
  public synchronized long totalChars() {
    return lines.totalChars();
  }

  /** True while the program is drawing on the alternate screen (its output is skipped here). */
  public synchronized boolean alternateScreen() {
    return interpreter.alternateScreen();
  }
}
