package dev.delegate.terminal;

import java.util.Arrays;

/**
 * Committed lines addressed by absolute line number, keeping the newest ones whose text (each line
 * plus its newline) fits in a character budget. The newest line is always kept, so the budget can
 * be exceeded by at most one line.
 */
final class LineRing {

  private final long maxChars;
  private String[] lines = new String[64];
  private int head;
  private int size;
  private long firstNumber;
  private long retainedChars;
  private long totalChars;

  LineRing(long maxChars) {
    this.maxChars = maxChars;
  }

  void add(String line) {
    if (size == lines.length) {
      grow();
    }
    lines[(head + size) % lines.length] = line;
    size++;
    retainedChars += line.length() + 1L;
    totalChars += line.length() + 1L;
    while (retainedChars > maxChars && size > 1) {
      retainedChars -= lines[head].length() + 1L;
      lines[head] = null;
      head = (head + 1) % lines.length;
      size--;
      firstNumber++;
    }
  }

  /** Absolute number of the oldest retained line. */
  long firstNumber() {
    return firstNumber;
  }

  /** Absolute number the next committed line will get: the count of lines ever committed. */
  long endNumber() {
    return firstNumber + size;
  }

  long totalChars() {
    return totalChars;
  }

  /** The line with absolute number {@code number}, which must be retained. */
  String get(long number) {
    return lines[(int) ((head + (number - firstNumber)) % lines.length)];
  }

  private void grow() {
    String[] bigger = new String[lines.length * 2];
    for (int i = 0; i < size; i++) {
      bigger[i] = lines[(head + i) % lines.length];
    }
    Arrays.fill(lines, null);
    lines = bigger;
    head = 0;
  }
}
