package dev.delegate.terminal;

/** Turns a row of ScreenTerminal cells into text. */
final class ScreenRows {

  private ScreenRows() {}

  /**
   * The characters of {@code width} cells from {@code offset}: each cell holds a UTF-16 unit in its
   * low 32 bits. Empty cells (0, left by ScreenTerminal when it scrolls several rows at once)
   * become spaces, {@link ScreenWriter#WIDE_TAIL} cells are skipped, the two halves of a
   * supplementary character are joined and a lone half becomes a space. Trailing spaces are
   * removed; U+00A0 is not a space here, so Claude's idle prompt {@code ❯} U+00A0 survives.
   */
  static String row(long[] cells, int offset, int width, StringBuilder sb) {
    sb.setLength(0);
    int end = offset + width;
    for (int i = offset; i < end; i++) {
      char c = (char) cells[i];
      if (c == ScreenWriter.WIDE_TAIL) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate((char) cells[i + 1])) {
        sb.append(c).append((char) cells[++i]);
      } else if (c == 0 || Character.isSurrogate(c)) {
        sb.append(' ');
      } else {
        sb.append(c);
      }
    }
    int length = sb.length();
    while (length > 0 && sb.charAt(length - 1) == ' ') {
      length--;
    }
    return sb.substring(0, length);
  }
}
