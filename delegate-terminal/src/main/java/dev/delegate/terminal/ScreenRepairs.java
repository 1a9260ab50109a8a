package dev.delegate.terminal;

/**
 * Rewrites the cursor and erase sequences that JLine's ScreenTerminal gets wrong (see {@link
 * ScreenWriter}) into ones it gets right.
 *
 * <p>The fixes need the cursor position, which ScreenTerminal does not expose; it answers a cursor
 * position report ({@code ESC[6n}) though, and that is how it is asked. A fix that would have to
 * place the cursor with {@code ESC[r;cH} is skipped in origin mode ({@code ESC[?6h}), which the
 * agent CLIs do not use.
 */
final class ScreenRepairs {

  private final ScreenWriter writer;
  private int width;
  private int height;

  ScreenRepairs(ScreenWriter writer, int width, int height) {
    this.writer = writer;
    this.width = width;
    this.height = height;
  }

  void resize(int newWidth, int newHeight) {
    width = newWidth;
    height = newHeight;
  }

  /** Applies {@code csi} if it needs repair; false when it can be forwarded as is. */
  boolean apply(Csi csi) {
    StringBuilder out = writer.out();
    switch (csi.finalChar()) {
      case 'G', '`' -> out.append("\u001b[").append(clampColumn(csi.amount(0))).append('G');
      case 'H', 'f' ->
          out.append("\u001b[")
              .append(Math.min(csi.amount(0), 9999))
              .append(';')
              .append(clampColumn(csi.amount(1)))
              .append('H');
      case 'C', 'a' -> {
        int[] at = cursor();
        out.append("\u001b[").append(Math.min(at[1] + csi.amount(0), width - 1) + 1).append('G');
      }
      case 'A', 'B', 'd', 'e', 'u' -> {
        writer.forward(csi);
        resetPendingWrap();
      }
      case 'J' -> eraseDisplay(csi.param(0, 0));
      case 'K' -> eraseLine(csi.param(0, 0));
      case 'X' -> eraseChars(csi.amount(0));
      case '@', 'P' -> shiftChars(csi);
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * After a move up, down or a cursor restore, a pending wrap must not survive: ScreenTerminal
   * keeps it, so a cursor still in the last column is moved there again absolutely, which clears
   * it.
   */
  void resetPendingWrap() {
    if (cursor()[1] == width - 1) {
      writer.out().append("\u001b[").append(width).append('G');
    }
  }

  private void eraseDisplay(int mode) {
    int[] at = mode == 0 || mode == 1 ? cursor() : null;
    if (at == null || writer.modes().origin || (mode == 0 && at[1] == 0)) {
      writer.out().append("\u001b[").append(mode).append('J');
    } else if (mode == 0) {
      blank(at[0], at[1], width); // ScreenTerminal would also clear left of the cursor
      if (at[0] + 1 < height) {
        writer.out().append("\u001b[").append(at[0] + 2).append(";1H\u001b[J");
      }
      moveTo(at);
    } else {
      writer.out().append("\u001b[1J");
      if (at[0] == 0 && at[1] == 0) {
        blank(0, 0, 1);
        moveTo(at);
      }
    }
  }

  private void eraseLine(int mode) {
    int[] at = cursor();
    boolean single = mode == 0 ? at[1] == width - 1 : mode == 1 && at[1] == 0;
    if (single && !writer.modes().origin) {
      blank(at[0], at[1], at[1] + 1);
      moveTo(at);
    } else {
      writer.out().append("\u001b[").append(mode).append('K');
    }
  }

  private void eraseChars(int n) {
    int[] at = cursor();
    if (Math.min(n, width - at[1]) == 1 && !writer.modes().origin) {
      blank(at[0], at[1], at[1] + 1);
      moveTo(at);
    } else {
      writer.out().append("\u001b[").append(n).append('X');
    }
  }

  /** ICH and DCH clear the cell they open or free only when they shift by two or more. */
  private void shiftChars(Csi csi) {
    int[] at = cursor();
    writer.out().append("\u001b[").append(csi.amount(0)).append(csi.finalChar());
    if (Math.min(csi.amount(0), width - at[1]) == 1 && !writer.modes().origin) {
      blank(at[0], csi.finalChar() == '@' ? at[1] : width - 1, -1);
      moveTo(at);
    }
  }

  /** Blanks columns [from, to) of a row (to -1: one cell), leaving the cursor somewhere in it. */
  private void blank(int row, int from, int to) {
    int n = to < 0 ? 1 : to - from;
    StringBuilder out = writer.out();
    out.append("\u001b[").append(row + 1).append(';').append(from + 1).append('H');
    if (n >= 2) {
      out.append("\u001b[").append(n).append('X');
    } else if (n == 1) {
      out.append(writer.modes().insert ? "\u001b[4l \u001b[4h" : " ");
    }
  }

  private void moveTo(int[] at) {
    writer.out().append("\u001b[").append(at[0] + 1).append(';').append(at[1] + 1).append('H');
  }

  private int clampColumn(int column) {
    return Math.min(column, width);
  }

  /** {row, column}, 0-based, from ScreenTerminal's own cursor position report. */
  private int[] cursor() {
    String report = writer.ask("\u001b[6n"); // ESC [ row ; col R
    int semicolon = report.indexOf(';');
    int row = Integer.parseInt(report, 2, semicolon, 10) - 1;
    int column = Integer.parseInt(report, semicolon + 1, report.length() - 1, 10) - 1;
    return new int[] {row, Math.min(column, width - 1)};
  }
}
