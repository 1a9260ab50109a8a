package dev.delegate.terminal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.jline.builtins.ScreenTerminal;

/**
 * What a terminal of a given size would show, for full-screen and redrawing TUIs (Codex on the
 * alternate screen with absolute cursor moves; Claude Code redrawing its bottom area with cursor-up
 * and erase-line). Backed by JLine's {@link ScreenTerminal}, a VT100/xterm emulator; output is
 * parsed here first so that split chunks, the kitty keyboard protocol, wide characters and several
 * erase and wrap cases come out right (see {@link ScreenWriter} for what ScreenTerminal gets wrong
 * on its own).
 *
 * <p>Reading is cheap but not free: {@link #version()} changes whenever a feed may have changed the
 * screen, and {@link #screenText()} and {@link #rows()} are cached per version. While {@link
 * #synchronizedUpdate()} is true the program is between the start and end of a frame ({@code
 * ESC[?2026h}/{@code l}) and the screen may be half drawn. OSC payloads (window titles, Codex's
 * {@code 7501;state=...}) go to the listener in stream order; ScreenTerminal itself drops them.
 * Methods are synchronized, so one thread may feed while others read.
 */
public final class TerminalScreen {

  /** Smallest and largest size, the bounds ScreenTerminal accepts when resizing. */
  public static final int MIN_SIZE = 2;

  public static final int MAX_SIZE = 256;

  private final ScreenTerminal terminal;
  private final ScreenWriter writer;
  private final AnsiParser parser;
  private final ScrollbackLimit scrollback;
  private int width;
  private int height;
  private long[] cells;
  private final int[] cursor = new int[2];
  private long renderedAt = -1;
  private List<String> rows = List.of();
  private String text = "";

  public TerminalScreen(int cols, int rows) {
    this(cols, rows, null);
  }

  /**
   * A screen that passes every OSC payload to {@code oscListener} on the feeding thread, in stream
   * order. An exception from the listener propagates out of {@link #feed} and the rest of that
   * chunk is not read.
   */
  public TerminalScreen(int cols, int rows, Consumer<String> oscListener) {
    checkSize(cols, rows);
    this.width = cols;
    this.height = rows;
    this.cells = new long[cols * rows];
    this.terminal = new ScreenTerminal(cols, rows);
    this.writer = new ScreenWriter(terminal, cols, rows, oscListener);
    this.parser = new AnsiParser(writer);
    this.scrollback = new ScrollbackLimit(terminal);
  }

  public synchronized void feed(CharSequence chunk) {
    parser.feed(chunk);
    writer.flush();
    scrollback.apply();
  }

  /** Rows joined by {@code \n}, trailing spaces trimmed per row, trailing empty rows removed. */
  public synchronized String screenText() {
    render();
    return text;
  }

  /** Every row, top to bottom, trailing spaces trimmed; unmodifiable. */
  public synchronized List<String> rows() {
    render();
    return rows;
  }

  /** Cursor row, 0-based from the top. */
  public synchronized int cursorRow() {
    render();
    return cursor[1];
  }

  /** Cursor column, 0-based. */
  public synchronized int cursorColumn() {
    render();
    return cursor[0];
  }

  /** Changes when the screen may have changed; equal values mean an identical screen. */
  public synchronized long version() {
    return writer.writes();
  }

  public synchronized boolean alternateScreen() {
    return writer.modes().alternateScreen;
  }

  /** True between {@code ESC[?2026h} and {@code ESC[?2026l}: a frame is being drawn. */
  public synchronized boolean synchronizedUpdate() {
    return writer.modes().synchronizedUpdate;
  }

  /** True when the program asked for bracketed paste ({@code ESC[?2004h}). */
  public synchronized boolean bracketedPaste() {
    return writer.modes().bracketedPaste;
  }

  public synchronized boolean cursorVisible() {
    return writer.modes().cursorVisible;
  }

  /**
   * Answers a real terminal would have sent to the program since the last call: cursor position
   * reports for {@code ESC[6n}, device attributes for {@code ESC[c}. A driver may write them to the
   * PTY so a program waiting for them (Codex asks at start) need not time out.
   */
  public synchronized String drainReplies() {
    return writer.drainReplies();
  }

  public synchronized int width() {
    return width;
  }

  public synchronized int height() {
    return height;
  }

  /** Resizes the screen, as a terminal does when its window changes (then signal the program). */
  public synchronized void resize(int cols, int rows) {
    checkSize(cols, rows);
    writer.flush();
    if (!terminal.setSize(cols, rows)) {
      throw new IllegalStateException("bug: ScreenTerminal refused size " + cols + "x" + rows);
    }
    width = cols;
    height = rows;
    cells = new long[cols * rows];
    writer.repairs().resize(cols, rows);
    writer.invalidate();
  }

  private void render() {
    if (renderedAt == writer.writes()) {
      return;
    }
    terminal.dump(cells, 0, 0, height, width, cursor);
    List<String> all = new ArrayList<>(height);
    StringBuilder sb = new StringBuilder(width);
    int lastNonEmpty = -1;
    for (int y = 0; y < height; y++) {
      String row = ScreenRows.row(cells, y * width, width, sb);
      all.add(row);
      if (!row.isEmpty()) {
        lastNonEmpty = y;
      }
    }
    rows = Collections.unmodifiableList(all);
    text = String.join("\n", all.subList(0, lastNonEmpty + 1));
    renderedAt = writer.writes();
  }

  private static void checkSize(int cols, int rows) {
    if (cols < MIN_SIZE || cols > MAX_SIZE || rows < MIN_SIZE || rows > MAX_SIZE) {
      throw new IllegalArgumentException(
          "screen size must be within " + MIN_SIZE + ".." + MAX_SIZE + ": " + cols + "x" + rows);
    }
  }
}
