package dev.delegate.terminal;

import java.util.Arrays;

/**
 * The line being written in {@link TerminalText}: one slot per terminal column and a write
 * position. A wide character takes its own slot plus a {@link #WIDE_TAIL} slot; a supplementary
 * character takes its two UTF-16 halves. Moving past the end pads lazily: spaces appear only when
 * something is written there, so a cursor move alone leaves no trailing blanks.
 */
final class LineBuffer {

  static final char WIDE_TAIL = '\0';

  private final int maxColumns;
  private char[] slots = new char[128];
  private int length;
  private int column;

  LineBuffer(int maxColumns) {
    this.maxColumns = maxColumns;
  }

  int column() {
    return column;
  }

  int maxColumns() {
    return maxColumns;
  }

  boolean isEmpty() {
    return length == 0;
  }

  void put(char c) {
    set(column++, c);
  }

  void put(char first, char second) {
    set(column++, first);
    set(column++, second);
  }

  void moveTo(int newColumn) {
    column = Math.max(0, Math.min(newColumn, maxColumns - 1));
  }

  void tab() {
    moveTo((column / 8 + 1) * 8);
  }

  /** ESC[K, ESC[1K, ESC[2K. */
  void eraseInLine(int mode) {
    switch (mode) {
      case 0 -> length = Math.min(length, column);
      case 1 -> Arrays.fill(slots, 0, Math.min(length, column + 1), ' ');
      case 2 -> length = 0;
      default -> {}
    }
  }

  /** ESC[nX: blank n slots from the write position without moving. */
  void eraseChars(int n) {
    if (column < length) {
      Arrays.fill(slots, column, Math.min(length, column + n), ' ');
    }
  }

  /** ESC[nP: delete n slots at the write position, pulling the rest left. */
  void deleteChars(int n) {
    if (column < length) {
      int keep = Math.max(0, length - column - n);
      System.arraycopy(slots, length - keep, slots, column, keep);
      length = column + keep;
    }
  }

  /** ESC[n@: insert n blanks at the write position, pushing the rest right. */
  void insertBlanks(int n) {
    if (column < length) {
      int moved = Math.min(length - column, maxColumns - column - n);
      int newLength = Math.min(maxColumns, length + n);
      ensure(newLength);
      if (moved > 0) {
        System.arraycopy(slots, column, slots, column + n, moved);
      }
      Arrays.fill(slots, column, Math.min(newLength, column + n), ' ');
      length = newLength;
    }
  }

  void clear() {
    length = 0;
    column = 0;
  }

  /** The text, without wide-character tails and broken surrogate halves. */
  String render(boolean trimTrailingSpaces) {
    int end = length;
    while (trimTrailingSpaces && end > 0 && slots[end - 1] == ' ') {
      end--;
    }
    StringBuilder sb = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      char c = slots[i];
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < end && Character.isLowSurrogate(slots[i + 1])) {
          sb.append(c).append(slots[++i]);
        }
      } else if (c != WIDE_TAIL && !Character.isLowSurrogate(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private void set(int index, char c) {
    if (index >= length) {
      ensure(index + 1);
      Arrays.fill(slots, length, index, ' ');
      length = index + 1;
    }
    slots[index] = c;
  }

  private void ensure(int capacity) {
    if (capacity > slots.length) {
      slots = Arrays.copyOf(slots, Math.max(capacity, Math.min(maxColumns, slots.length * 2)));
    }
  }
}
