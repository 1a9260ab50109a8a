package dev.delegate.terminal;

/**
 * One CSI sequence ({@code ESC [ prefix? params intermediates? final}) as the parser saw it. A
 * single instance is reused for every sequence, so it is only valid inside {@link
 * AnsiParser.Sink#csi}.
 */
final class Csi {

  /** Longest parameter text kept; longer sequences are parsed but reported as overflowed. */
  static final int MAX_RAW_CHARS = 128;

  private static final int MAX_PARAMS = 16;
  private static final int MAX_VALUE = 99_999;

  private final StringBuilder raw = new StringBuilder(MAX_RAW_CHARS);
  private final int[] params = new int[MAX_PARAMS];
  private int count;
  private int current;
  private char prefix;
  private char intermediate;
  private char finalChar;
  private boolean colon;
  private boolean overflow;

  void reset() {
    raw.setLength(0);
    count = 0;
    current = -1;
    prefix = 0;
    intermediate = 0;
    colon = false;
    overflow = false;
  }

  /** A parameter (0x30-0x3f) or intermediate (0x20-0x2f) character. */
  void accept(char c) {
    if (raw.length() < MAX_RAW_CHARS) {
      raw.append(c);
    } else {
      overflow = true;
    }
    if (c >= '0' && c <= '9') {
      current = Math.min(MAX_VALUE, Math.max(current, 0) * 10 + (c - '0'));
    } else if (c == ';' || c == ':') {
      colon |= c == ':';
      push();
    } else if (c >= '<' && c <= '?') {
      if (raw.length() == 1) {
        prefix = c;
      } else {
        overflow = true; // a private marker in the middle: malformed, ignore the sequence
      }
    } else if (c < 0x30) {
      intermediate = c;
    }
  }

  /** Ends the sequence; false when it is malformed or too long to be trusted. */
  boolean finish(char c) {
    finalChar = c;
    if (current >= 0 || count > 0) {
      push();
    }
    return !overflow;
  }

  private void push() {
    if (count < MAX_PARAMS) {
      params[count++] = current;
    }
    current = -1;
  }

  /** Private marker ({@code ? > < =}) right after {@code ESC [}, or 0. */
  char prefix() {
    return prefix;
  }

  /** The last intermediate byte (0x20-0x2f), or 0. */
  char intermediate() {
    return intermediate;
  }

  char finalChar() {
    return finalChar;
  }

  int paramCount() {
    return count;
  }

  /** Parameter {@code i}, or {@code fallback} when absent or empty. */
  int param(int i, int fallback) {
    return i < count && params[i] >= 0 ? params[i] : fallback;
  }

  /** Parameter {@code i} as a count: absent, empty and 0 all mean 1. */
  int amount(int i) {
    return Math.max(1, param(i, 1));
  }

  /** True when sub-parameters were separated by colons ({@code 38:2::r:g:b}). */
  boolean hasColon() {
    return colon;
  }

  /** Everything between {@code ESC [} and the final byte, as received. */
  CharSequence raw() {
    return raw;
  }
}
