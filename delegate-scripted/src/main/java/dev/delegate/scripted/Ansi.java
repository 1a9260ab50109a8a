package dev.delegate.scripted;

/** The escape sequences the agent prints. A raw-mode program must end its lines with CR LF. */
final class Ansi {
  static final String CRLF = "\r\n";
  static final String RESET = "\u001b[0m";
  static final String BOLD = "\u001b[1m";
  static final String DIM = "\u001b[2m";
  static final String RED = "\u001b[31m";
  static final String GREEN = "\u001b[32m";
  static final String YELLOW = "\u001b[33m";
  static final String MAGENTA = "\u001b[35m";
  static final String CYAN = "\u001b[36m";
  static final String GREY = "\u001b[90m";

  /** Carriage return, then erase the whole line: how spinners and menus redraw in place. */
  static final String ERASE_LINE = "\r\u001b[2K";

  static final String BRACKETED_PASTE_ON = "\u001b[?2004h";

  static String cursorUp(int lines) {
    return "\u001b[" + lines + "A";
  }

  private Ansi() {}
}
