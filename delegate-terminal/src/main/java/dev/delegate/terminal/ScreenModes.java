package dev.delegate.terminal;

/**
 * Terminal modes that {@link TerminalScreen} reports or needs, and the mode sequences passed on to
 * ScreenTerminal. Modes ScreenTerminal ignores anyway (mouse reporting, focus events, bracketed
 * paste, synchronized output) are tracked or dropped here; {@code ?3} and {@code ?40} are dropped
 * so a program cannot switch the model to 80 or 132 columns.
 */
final class ScreenModes {

  boolean alternateScreen;
  boolean synchronizedUpdate;
  boolean bracketedPaste;
  boolean cursorVisible = true;
  boolean insert;
  boolean origin;

  /** {@code ESC[?...h} and {@code ESC[?...l}, one mode at a time. */
  void setPrivate(Csi csi, boolean set, StringBuilder out) {
    for (int i = 0; i < csi.paramCount(); i++) {
      int mode = csi.param(i, -1);
      switch (mode) {
        case 47, 1047, 1049 -> alternate(set, out);
        case 1048 -> out.append(set ? "\u001b7" : "\u001b8");
        case 2026 -> synchronizedUpdate = set;
        case 2004 -> bracketedPaste = set;
        case 1, 5, 6, 7, 25 -> {
          if (mode == 25) {
            cursorVisible = set;
          } else if (mode == 6) {
            origin = set;
          }
          out.append("\u001b[?").append(mode).append(set ? 'h' : 'l');
        }
        default -> {}
      }
    }
  }

  /** {@code ESC[4h} (insert) and {@code ESC[20h} (newline); the others are not emulated. */
  void setAnsi(Csi csi, boolean set, StringBuilder out) {
    for (int i = 0; i < csi.paramCount(); i++) {
      int mode = csi.param(i, -1);
      if (mode == 4 || mode == 20) {
        insert = mode == 4 ? set : insert;
        out.append("\u001b[").append(mode).append(set ? 'h' : 'l');
      }
    }
  }

  /**
   * Switches screens the xterm 1049 way: ScreenTerminal swaps buffers and cursors but keeps what
   * the alternate screen showed last time, so it is cleared on entry.
   */
  private void alternate(boolean set, StringBuilder out) {
    if (set && !alternateScreen) {
      out.append("\u001b[?1049h\u001b[2J");
    } else if (!set && alternateScreen) {
      out.append("\u001b[?1049l");
    }
    alternateScreen = set;
  }

  /** DECSTR, as ScreenTerminal applies it. */
  void softReset() {
    insert = false;
    origin = false;
    cursorVisible = true;
    alternateScreen = false;
  }

  /** RIS. */
  void hardReset() {
    softReset();
    synchronizedUpdate = false;
    bracketedPaste = false;
  }
}
