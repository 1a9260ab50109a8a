package dev.delegate.agent.session;

/**
 * Recognises the terminal's echo of the prompt just typed, so text inside a prompt can never pass
 * for an approval prompt, a question or the end of the turn. The echo must follow the prompt in
 * order: each echoed line, after the agent's own input prompt (a short prefix such as {@code "> "}
 * or {@code "[agent] 12% > "}), continues the prompt where the previous line stopped. The echo
 * phase ends when the whole prompt was seen, or at the first committed line that does not continue
 * it.
 */
final class EchoFilter {
  private static final int MAX_PREFIX = 32;

  private final String prompt;
  private int consumed;
  private boolean active = true;

  EchoFilter(String sentPrompt) {
    this.prompt = sentPrompt;
    this.active = !sentPrompt.isBlank();
  }

  boolean isEcho(String line, boolean committed) {
    if (!active) {
      return false;
    }
    String text = line.strip();
    if (text.isEmpty()) {
      return true;
    }
    int end = continuation(text);
    if (end >= 0) {
      if (committed) {
        consumed = end;
        active = !prompt.substring(consumed).isBlank();
      }
      return true;
    }
    if (committed) {
      active = false;
    }
    return false;
  }

  /** Where the prompt ends up if {@code text} continues it, or -1. */
  private int continuation(String text) {
    int start = skipSpaces(consumed);
    int limit = Math.min(MAX_PREFIX, text.length() - 1);
    for (int k = 0; k <= limit; k++) {
      String rest = text.substring(k).strip();
      if (!rest.isEmpty() && prompt.startsWith(rest, start)) {
        return start + rest.length();
      }
    }
    return -1;
  }

  private int skipSpaces(int from) {
    int i = from;
    while (i < prompt.length() && Character.isWhitespace(prompt.charAt(i))) {
      i++;
    }
    return i;
  }
}
