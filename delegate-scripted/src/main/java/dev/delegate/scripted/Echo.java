package dev.delegate.scripted;

/** What the agent shows for what was typed: control characters are never echoed. */
final class Echo {
  private Echo() {}

  static String printable(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 0x20 && c != 0x7f) || c == '\t') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A paste, line by line; continuation lines are indented so none can look like a prompt. */
  static String paste(String text) {
    String normal = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(normal.length() + 16);
    int start = 0;
    while (true) {
      int end = normal.indexOf('\n', start);
      out.append(printable(end < 0 ? normal.substring(start) : normal.substring(start, end)));
      if (end < 0) {
        return out.toString();
      }
      out.append(Ansi.CRLF).append("  ");
      start = end + 1;
    }
  }

  /** Removes the last character of {@code line}; returns what erases it on the screen. */
  static String backspace(StringBuilder line) {
    if (line.length() == 0) {
      return "";
    }
    int last = line.codePointBefore(line.length());
    line.setLength(line.length() - Character.charCount(last));
    return last < 0x20 || last == 0x7f ? "" : "\b \b";
  }
}
