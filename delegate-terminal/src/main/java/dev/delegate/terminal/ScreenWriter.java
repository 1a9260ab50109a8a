package dev.delegate.terminal;

import java.util.function.Consumer;
import org.jline.builtins.ScreenTerminal;

/**
 * Turns parsed output into input that JLine's {@link ScreenTerminal} renders correctly.
 *
 * <p>ScreenTerminal parses escape sequences itself, and copes with chunks split inside a sequence,
 * but it gets several things wrong that the agent CLIs rely on. Rather than fork it, everything is
 * parsed here first and only complete, vetted sequences reach it:
 *
 * <ul>
 *   <li>It reads any CSI ending in {@code u} as "restore cursor", including the kitty keyboard
 *       protocol's {@code ESC[>1u}, {@code ESC[<u} and {@code ESC[?u} that Claude Code and Codex
 *       send at start and exit; the cursor jumped to the top-left corner and the next text
 *       overwrote the first row. CSI sequences with a private marker are dropped here, apart from
 *       the {@code ?} modes it understands and {@code ESC[?6n}.
 *   <li>Erasing a single cell does nothing ({@code ESC[K} in the last column, {@code ESC[1K} in the
 *       first, {@code ESC[X}, and the cell opened or freed by {@code ESC[@} and {@code ESC[P}), and
 *       {@code ESC[J} also erases the cursor's row left of the cursor. These are rebuilt from
 *       erasures it does right; see {@link ScreenRepairs}.
 *   <li>{@code ESC[nC} reaching the last column, and moves up and down, do not reset the pending
 *       wrap: the next character would wrap to a new row. Fixed by a column-absolute move.
 *   <li>{@code ESC[nG} and {@code ESC[r;cH} beyond the right margin put the cursor outside the
 *       screen and the next character threw {@link ArrayIndexOutOfBoundsException}: clamped.
 *   <li>Entering the alternate screen does not clear it (xterm's mode 1049 does); modes 47 and 1047
 *       are not known. Both fixed.
 *   <li>Characters outside the BMP are dropped and wide characters take one cell. Here a wide BMP
 *       character is followed by a {@link #WIDE_TAIL} cell and a supplementary one is written as
 *       its two surrogate halves in two cells; the reader joins them again.
 *   <li>Zero-width characters took a cell each: dropped. DEL took a cell: dropped by the parser.
 *   <li>True-colour and long SGR sequences: see {@link Sgr}. {@code ESC[>4;2m} (modifyOtherKeys)
 *       was read as an SGR reset: dropped with the other private sequences.
 *   <li>OSC strings are swallowed without a trace: they are reported from the parser here.
 *   <li>Scrolling several rows at once leaves cells holding 0: read as spaces ({@link ScreenRows}).
 *   <li>Scrollback grows without bound: see {@link ScrollbackLimit}.
 *   <li>Synchronized output ({@code ESC[?2026h}) and bracketed paste are not tracked: tracked in
 *       {@link ScreenModes}.
 * </ul>
 *
 * <p>What it gets right and is left to it: cursor addressing, scroll regions with {@code ESC M},
 * insert and delete of lines, save and restore of the cursor, charset designation, autowrap,
 * 256-colour SGR, U+00A0 (stored and shown as itself).
 */
final class ScreenWriter implements AnsiParser.Sink {

  /** Fills the second cell of a wide character; never printed by programs (a noncharacter). */
  static final char WIDE_TAIL = '\uFFFF';

  private final ScreenTerminal terminal;
  private final Consumer<String> oscListener;
  private final StringBuilder out = new StringBuilder(256);
  private final StringBuilder replies = new StringBuilder();
  private final ScreenRepairs repairs;
  private final ScreenModes modes = new ScreenModes();
  private long writes;

  ScreenWriter(ScreenTerminal terminal, int width, int height, Consumer<String> oscListener) {
    this.terminal = terminal;
    this.oscListener = oscListener;
    this.repairs = new ScreenRepairs(this, width, height);
  }

  ScreenModes modes() {
    return modes;
  }

  ScreenRepairs repairs() {
    return repairs;
  }

  /** Counts the writes that reached ScreenTerminal. */
  long writes() {
    return writes;
  }

  /** Marks the screen as changed outside a write (a resize). */
  void invalidate() {
    writes++;
  }

  StringBuilder out() {
    return out;
  }

  void flush() {
    if (out.length() > 0) {
      terminal.write(out);
      out.setLength(0);
      writes++;
    }
  }

  /** Writes a query and returns ScreenTerminal's answer. */
  String ask(String query) {
    flush();
    terminal.write(query);
    return terminal.read();
  }

  String drainReplies() {
    String r = replies.toString();
    replies.setLength(0);
    return r;
  }

  @Override
  public void print(int codePoint) {
    int width = Width.of(codePoint);
    if (width == 0) {
      return;
    }
    if (codePoint >= 0x10000) {
      out.append(Character.highSurrogate(codePoint));
      flush(); // alone in its write, so ScreenTerminal sees the halves separately
      out.append(Character.lowSurrogate(codePoint));
    } else {
      out.append(codePoint >= 0xFFFE ? '\uFFFD' : (char) codePoint);
      if (width == 2) {
        out.append(WIDE_TAIL);
      }
    }
  }

  @Override
  public void control(char c) {
    if (c == '\r' || c == '\n' || c == '\b' || c == '\t' || (c >= 0x0b && c <= 0x0f)) {
      out.append(c);
    }
  }

  @Override
  public void csi(Csi csi) {
    char f = csi.finalChar();
    if (csi.prefix() == '?' && (f == 'h' || f == 'l')) {
      modes.setPrivate(csi, f == 'h', out);
    } else if (csi.prefix() == '?' && f == 'n') {
      forward(csi);
      collectReply();
    } else if (csi.prefix() != 0) {
      return; // kitty keyboard (u), modifyOtherKeys (>m), XTVERSION (>q), ...
    } else if (csi.intermediate() != 0) {
      if (csi.intermediate() == '!' && f == 'p') {
        modes.softReset();
        out.append("\u001b[!p"); // DECSTR
      }
    } else if (f == 'm') {
      Sgr.append(csi, out);
    } else if (f == 'n' || f == 'c') {
      forward(csi);
      collectReply();
    } else if (f == 'h' || f == 'l') {
      modes.setAnsi(csi, f == 'h', out);
    } else if (!repairs.apply(csi)) {
      forward(csi);
    }
  }

  @Override
  public void esc(char intermediate, char f) {
    if (intermediate == 0) {
      switch (f) {
        case '7', 'D', 'E', 'H' -> out.append('\u001b').append(f);
        case '8', 'M' -> {
          out.append('\u001b').append(f);
          repairs.resetPendingWrap();
        }
        case 'c' -> {
          modes.hardReset();
          out.append("\u001bc");
        }
        default -> {} // ESC = and ESC > (keypad), stray ST, ...
      }
    } else if (intermediate == '(' || intermediate == ')' || (intermediate == '#' && f == '8')) {
      out.append('\u001b').append(intermediate).append(f);
    }
  }

  @Override
  public void osc(String payload) {
    if (oscListener != null) {
      oscListener.accept(payload);
    }
  }

  void forward(Csi csi) {
    if (csi.raw().length() <= 28) {
      out.append("\u001b[").append(csi.raw()).append(csi.finalChar());
    }
  }

  private void collectReply() {
    flush();
    replies.append(terminal.read());
  }
}
