package dev.delegate.scripted;

/** Kiro 2.x TUI: header, idle line, menus, credits line, two Enters after a paste. */
final class TuiUi extends Ui {
  static final String IDLE = "ask a question, or describe a task";
  static final String TRUST_ALL_TITLE = "Kiro is running in trust all tools mode";
  static final String[] TRUST_ALL_ITEMS = {"No, exit", "Yes, I accept", "Yes, and don't ask again"};
  static final String[] APPROVAL_ITEMS = {
    "Yes, single permission", "Trust, always allow in this session", "No"
  };
  static final long REDRAW_AFTER_MILLIS = 300;

  TuiUi(Screen screen, Keys keys, Options options) {
    super(screen, keys, options);
  }

  @Override
  void banner() {
    super.banner();
    screen.line(
        Ansi.BOLD
            + Options.DEFAULT_NAME
            + Ansi.RESET
            + Ansi.GREY
            + " · "
            + options.modelName()
            + " · ◔ 0%"
            + Ansi.RESET);
  }

  @Override
  boolean startupDialog() {
    if (!options.trustAllTools()) {
      return true;
    }
    screen.line("");
    screen.line(Ansi.YELLOW + TRUST_ALL_TITLE + Ansi.RESET);
    screen.line(Ansi.GREY + "Every tool will run without asking for approval." + Ansi.RESET);
    screen.line("");
    int choice = Menu.choose(screen, keys, TRUST_ALL_ITEMS, false, 0);
    if (choice <= 0) {
      screen.line("Exiting.");
      return false;
    }
    return true;
  }

  @Override
  void prompt() {
    screen.line("");
    screen.line(Ansi.DIM + IDLE + Ansi.RESET);
    screen.print("> ");
  }

  @Override
  String thinkingLabel() {
    return "Kiro is working";
  }

  @Override
  boolean swallowsEnterAfterPaste() {
    return true;
  }

  @Override
  void turnEnded(long millis) {
    screen.line("");
    screen.line(
        Ansi.GREY + "▸ Credits: 0.00 • Time: " + Math.round(millis / 1000.0) + "s" + Ansi.RESET);
  }

  @Override
  Decision askApproval(String tool) {
    screen.line("");
    int choice = Menu.choose(screen, keys, APPROVAL_ITEMS, true, REDRAW_AFTER_MILLIS);
    return choice == 0 ? Decision.YES : choice == 1 ? Decision.TRUST : Decision.NO;
  }
}
