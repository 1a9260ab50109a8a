package dev.delegate.agent.session;

/**
 * Recognises the terminal's echo of the prompt just typed, so text inside a prompt can never
 * pass for an approval prompt, a question or the end of the turn. The echo phase ends at the
 * first committed line that is not part of the prompt.
 */
final class EchoFilter {
  /** Room for the agent's own input prompt before the echoed text, e.g. {@code "[agent] 12% > "}. */
  private static final int MAX_PREFIX = 32;

  private final String prompt;
  private boolean active = true;

  EchoFilter(String sentPrompt) {
    this.prompt = sentPrompt;
  }

  boolean isEcho(String line, boolean committed) {
    if (!active) {
      return false;
    }
    String text = line.strip();
    if (text.isEmpty() || isPartOfPrompt(text)) {
      return true;
    }
    if (committed) {
      active = false;
    }
    return false;
  }

  private boolean isPartOfPrompt(String text) {
    int limit = Math.min(MAX_PREFIX, text.length() - 1);
    for (int k = 0; k <= limit; k++) {
      String rest = text.substring(k).strip();
      if (!rest.isEmpty() && prompt.contains(rest)) {
        return true;
      }
    }
    return false;
  }
}
