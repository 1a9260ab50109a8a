package dev.delegate.terminal;

/**
 * Rewrites an SGR sequence ({@code ESC[...m}) into a form JLine's {@code ScreenTerminal} handles.
 *
 * <p>ScreenTerminal knows only 16 and 256 colours: for {@code 38;2;r;g;b} it skips the {@code 2}
 * and then reads r, g and b as attributes of their own (so {@code 38;2;1;4;7} turned on bold,
 * underline and reverse). It cannot read colon sub-parameters, and it gives up on any sequence
 * longer than 32 characters and prints the rest as text (Codex sends SGR sequences of that length).
 * Here true colour becomes the nearest colour of the 256-colour cube, colon groups are converted or
 * dropped, and the result is cut into short sequences.
 */
final class Sgr {

  private static final int MAX_PARAM_CHARS = 24;

  private Sgr() {}

  static void append(Csi csi, StringBuilder out) {
    if (csi.paramCount() == 0) {
      out.append("\u001b[0m");
      return;
    }
    int[] values = parse(csi.raw());
    int start = out.length();
    int i = 0;
    while (i < values.length) {
      int v = values[i];
      if ((v == 38 || v == 48) && i + 4 < values.length && values[i + 1] == 2) {
        add(out, start, v + ";5;" + cube(values[i + 2], values[i + 3], values[i + 4]));
        i += 5;
      } else if ((v == 38 || v == 48) && i + 2 < values.length && values[i + 1] == 5) {
        add(out, start, v + ";5;" + Math.min(255, values[i + 2]));
        i += 3;
      } else if (v == 38 || v == 48 || v == 58) {
        i = values.length; // underline colour or an incomplete colour: drop the rest
      } else {
        add(out, start, Integer.toString(Math.max(0, v)));
        i++;
      }
    }
    if (out.length() > start) {
      out.append('m');
    }
  }

  /** Top-level parameters; a colon group is flattened to its semicolon equivalent or skipped. */
  private static int[] parse(CharSequence raw) {
    String[] groups = raw.toString().split(";", -1);
    int[] values = new int[groups.length * 5];
    int n = 0;
    for (String group : groups) {
      String[] sub = group.split(":", -1);
      if (sub.length == 1) {
        values[n++] = number(group);
      } else if (sub.length >= 5 && number(sub[1]) == 2) {
        int offset = sub.length >= 6 ? 3 : 2; // 38:2:colourspace:r:g:b or 38:2:r:g:b
        values[n++] = number(sub[0]);
        values[n++] = 2;
        values[n++] = number(sub[offset]);
        values[n++] = number(sub[offset + 1]);
        values[n++] = number(sub[offset + 2]);
      } else if (sub.length == 3 && number(sub[1]) == 5) {
        values[n++] = number(sub[0]);
        values[n++] = 5;
        values[n++] = number(sub[2]);
      } else if (number(sub[0]) == 4) {
        values[n++] = number(sub[1]) == 0 ? 24 : 4; // curly, dotted... underline
      }
    }
    return java.util.Arrays.copyOf(values, n);
  }

  private static int number(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return 0;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static void add(StringBuilder out, int start, String param) {
    int sequenceStart = out.lastIndexOf("\u001b[");
    if (out.length() == start) {
      out.append("\u001b[").append(param);
    } else if (out.length() - sequenceStart + param.length() > MAX_PARAM_CHARS) {
      out.append("m\u001b[").append(param);
    } else {
      out.append(';').append(param);
    }
  }

  /** Nearest entry of the xterm 6x6x6 colour cube. */
  static int cube(int r, int g, int b) {
    return 16 + 36 * level(r) + 6 * level(g) + level(b);
  }

  private static int level(int v) {
    return v < 48 ? 0 : v < 115 ? 1 : Math.min(5, (v - 35) / 40);
  }
}
