package dev.delegate.agent.session;

import dev.delegate.core.agent.AgentProfile.SubmitStyle;

/**
 * Turns user text into bytes that are safe to type into an agent's terminal. Every control
 * character is removed, so text can neither submit early ({@code \r}), interrupt ({@code ^C}), nor
 * end a bracketed paste or move the cursor (ESC sequences lose their ESC and become plain text).
 * Line breaks survive only inside a bracketed paste; typed text gets spaces instead.
 */
public final class PromptText {
  static final String PASTE_START = "\u001b[200~";
  static final String PASTE_END = "\u001b[201~";

  private PromptText() {}

  /** The sanitized text for the style, without the Enter keys that submit it. */
  public static String sanitize(String text, SubmitStyle style) {
    StringBuilder out = new StringBuilder(text.length());
    boolean keepNewlines = style == SubmitStyle.PASTE;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          continue; // CRLF is one line break
        }
        appendBreak(out, keepNewlines);
      } else if (c == '\t') {
        out.append(' ');
      } else if (!isControl(c)) {
        out.append(c);
      }
    }
    return out.toString().strip();
  }

  /** The keys that deliver the text, without the Enter keys: typed, or wrapped in a paste. */
  public static String keys(String text, SubmitStyle style) {
    String clean = sanitize(text, style);
    return style == SubmitStyle.PASTE ? PASTE_START + clean + PASTE_END : clean;
  }

  private static void appendBreak(StringBuilder out, boolean keepNewlines) {
    if (keepNewlines) {
      out.append('\n');
    } else if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
      out.append(' ');
    }
  }

  private static boolean isControl(char c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
  }
}
