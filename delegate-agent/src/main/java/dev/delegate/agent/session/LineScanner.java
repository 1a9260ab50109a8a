package dev.delegate.agent.session;

import dev.delegate.terminal.TerminalText;

/**
 * Walks the lines a terminal committed since the last call, once each, then offers the line the
 * cursor is on (which may still change). Absolute line numbers make a redraw of the same line
 * recognisable.
 */
final class LineScanner {
  private long next;

  LineScanner(long firstLine) {
    this.next = firstLine;
  }

  interface LineVisitor {
    /**
     * @param committed false for the cursor's line, which may be redrawn later
     * @return true to stop scanning
     */
    boolean visit(long number, String line, boolean committed);
  }

  /** Visits new committed lines, then the cursor's line; stops early when the visitor asks. */
  boolean scan(TerminalText text, LineVisitor visitor) {
    long committed = text.committedLines();
    if (next < committed) {
      String fresh = text.textSince(next);
      long number = committed - countLines(fresh);
      int start = 0;
      while (number < committed) {
        int end = fresh.indexOf('\n', start);
        String line = fresh.substring(start, end);
        start = end + 1;
        long visiting = number++;
        next = number;
        if (visitor.visit(visiting, line, true)) {
          return true;
        }
      }
    }
    return visitor.visit(committed, text.currentLine(), false);
  }

  private static long countLines(String text) {
    long count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }
}
