package dev.delegate.terminal;

import org.jline.utils.WCWidth;

/**
 * How many terminal columns a printable code point takes: 0 (combining marks, zero-width joiner,
 * variation selectors), 1 or 2.
 *
 * <p>JLine's {@link WCWidth} follows Markus Kuhn's 2007 tables, which predate emoji: it gives 1 to
 * BMP emoji such as U+2705 that Unicode 9 and every current terminal (and the Node and Rust width
 * libraries the agent CLIs use) draw two columns wide. Those are added here. Every supplementary
 * code point except tags and variation selectors counts as 2: both views keep such a character as
 * its two UTF-16 halves in two cells, so the rare narrow one (mathematical letters) shifts the rest
 * of its line by one column.
 */
final class Width {

  /** Unicode 9 East Asian Wide emoji in the BMP that WCWidth calls narrow, as inclusive pairs. */
  private static final int[] BMP_EMOJI = {
    0x231A, 0x231B, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3, 0x25FD, 0x25FE,
    0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
    0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4,
    0x26EA, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD,
    0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E,
    0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797, 0x27B0, 0x27B0, 0x27BF, 0x27BF,
    0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55
  };

  private Width() {}

  static int of(int codePoint) {
    if (codePoint < 0x300) {
      return 1;
    }
    if (codePoint >= 0x10000) {
      return codePoint >= 0xE0000 && codePoint <= 0xE01EF ? 0 : 2;
    }
    int width = WCWidth.wcwidth(codePoint);
    if (width == 1 && codePoint >= 0x231A && codePoint <= 0x2B55 && isBmpEmoji(codePoint)) {
      return 2;
    }
    return Math.max(0, width);
  }

  private static boolean isBmpEmoji(int codePoint) {
    for (int i = 0; i < BMP_EMOJI.length; i += 2) {
      if (codePoint < BMP_EMOJI[i]) {
        return false;
      }
      if (codePoint <= BMP_EMOJI[i + 1]) {
        return true;
      }
    }
    return false;
  }
}
