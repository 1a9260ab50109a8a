package dev.delegate.scripted;

/** Kiro's tool names, as its approval prompts show them. */
final class Tools {
  static final String FS_READ = "fs_read";
  static final String FS_WRITE = "fs_write";
  static final String EXECUTE_BASH = "execute_bash";

  private Tools() {}

  /** Up to {@code max} lines of {@code text}, grey, each after {@code prefix}; then a count. */
  static String preview(String text, String prefix, int max) {
    StringBuilder out = new StringBuilder();
    int start = 0;
    int shown = 0;
    int hidden = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      if (shown < max) {
        String line = Echo.printable(text.substring(start, end));
        out.append(Ansi.GREY).append(prefix).append(line).append(Ansi.RESET).append(Ansi.CRLF);
        shown++;
      } else {
        hidden++;
      }
      start = end + 1;
    }
    if (hidden > 0) {
      out.append(Ansi.GREY).append("    … ").append(hidden).append(" more lines");
      out.append(Ansi.RESET).append(Ansi.CRLF);
    }
    return out.toString();
  }
}
