package dev.delegate.scripted;

/** What differs between Kiro's legacy chat UI and its 2.x TUI: prompts, menus, turn ends. */
abstract class Ui {
  static final String BANNER =
      "Scripted agent — plays scenarios for tests and demos; this is not an AI model.";

  final Screen screen;
  final Keys keys;
  final LineEditor editor;
  final Options options;

  Ui(Screen screen, Keys keys, Options options) {
    this.screen = screen;
    this.keys = keys;
    this.editor = new LineEditor(screen, keys);
    this.options = options;
  }

  static Ui create(Screen screen, Keys keys, Options options) {
    return options.tui() ? new TuiUi(screen, keys, options) : new LegacyUi(screen, keys, options);
  }

  void banner() {
    screen.line(Ansi.BOLD + BANNER + Ansi.RESET);
  }

  /** Runs before the first prompt; false ends the program with exit code 1. */
  boolean startupDialog() {
    return true;
  }

  /** A blank line, then (TUI) the idle line, then the input prompt with the cursor after it. */
  abstract void prompt();

  abstract String thinkingLabel();

  abstract boolean swallowsEnterAfterPaste();

  abstract void turnEnded(long millis);

  /** Shown after the tool's header and details; reads the answer. */
  abstract Decision askApproval(String tool);

  void interrupted() {
    screen.print(Ansi.ERASE_LINE);
    screen.line("^C");
  }
}
