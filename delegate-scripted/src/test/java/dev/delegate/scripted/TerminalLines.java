package dev.delegate.scripted;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Just enough of a terminal for the tests: CR, LF, backspace, erase line, cursor up. */
final class TerminalLines {
  private static final Pattern ESCAPES =
      Pattern.compile(
          "\u001b\\[[0-9;?]*[ -/]*[@-~]|\u001b\\][^\u0007]*\u0007|\u001b[()][0-9A-Za-z]");

  private TerminalLines() {}

  static String strip(String raw) {
    return ESCAPES.matcher(raw).replaceAll("").replace("\r\n", "\n");
  }

  static List<String> render(String raw) {
    List<StringBuilder> lines = new ArrayList<>();
    lines.add(new StringBuilder());
    int row = 0;
    int col = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\u001b' && i + 1 < raw.length() && raw.charAt(i + 1) == '[') {
        int end = i + 2;
        while (end < raw.length() && (raw.charAt(end) < '@' || raw.charAt(end) > '~')) {
          end++;
        }
        String params = raw.substring(i + 2, Math.min(end, raw.length()));
        char command = end < raw.length() ? raw.charAt(end) : ' ';
        if (command == 'K' && params.equals("2")) {
          lines.get(row).setLength(0);
        } else if (command == 'A') {
          row = Math.max(0, row - (params.isEmpty() ? 1 : Integer.parseInt(params)));
        }
        i = end;
      } else if (c == '\r') {
        col = 0;
      } else if (c == '\n') {
        row++;
        while (lines.size() <= row) {
          lines.add(new StringBuilder());
        }
      } else if (c == '\b') {
        col = Math.max(0, col - 1);
      } else if (c >= 0x20) {
        StringBuilder line = lines.get(row);
        while (line.length() < col) {
          line.append(' ');
        }
        if (col < line.length()) {
          line.setCharAt(col, c);
        } else {
          line.append(c);
        }
        col++;
      }
    }
    List<String> result = new ArrayList<>();
    for (StringBuilder line : lines) {
      result.add(line.toString().stripTrailing());
    }
    return result;
  }
}
