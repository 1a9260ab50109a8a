package dev.delegate.scripted;

import java.util.Locale;

/** Kiro's legacy chat UI: {@code > } prompt and the {@code [y/n/t]} approval line. */
final class LegacyUi extends Ui {
  /** Coloured per segment like Kiro's own; the plain text is the line the drivers match. */
  static final String APPROVAL_PROMPT =
      Ansi.GREY
          + "Allow this action? Use '"
          + Ansi.GREEN
          + "t"
          + Ansi.GREY
          + "' to trust (always allow) this tool for the session. ["
          + Ansi.GREEN
          + "y"
          + Ansi.GREY
          + "/"
          + Ansi.GREEN
          + "n"
          + Ansi.GREY
          + "/"
          + Ansi.GREEN
          + "t"
          + Ansi.GREY
          + "]:"
          + Ansi.RESET
          + " ";

  static final long REDRAW_AFTER_MILLIS = 300;

  LegacyUi(Screen screen, Keys keys, Options options) {
    super(screen, keys, options);
  }

  @Override
  void banner() {
    super.banner();
    screen.line("🤖 You are chatting with " + options.chatName());
  }

  @Override
  void prompt() {
    screen.line("");
    screen.print("> ");
  }

  @Override
  String thinkingLabel() {
    return "Thinking...";
  }

  @Override
  boolean swallowsEnterAfterPaste() {
    return false;
  }

  @Override
  void turnEnded(long millis) {}

  @Override
  Decision askApproval(String tool) {
    screen.line("");
    screen.print(APPROVAL_PROMPT);
    screen.flush();
    String answer = editor.readAnswer(APPROVAL_PROMPT, REDRAW_AFTER_MILLIS);
    String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes")
        ? Decision.YES
        : a.equals("t") ? Decision.TRUST : Decision.NO;
  }
}
