package dev.delegate.scripted;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** One run of the agent: the prompt loop, slash commands, trusted tools and the conversation. */
final class Session {
  final Screen screen;
  final Keys keys;
  final Ui ui;
  final EventLog log;
  final File workDir = new File(System.getProperty("user.dir"));
  final Permissions permissions;
  final FileTools files;
  private final ScenarioCatalog catalog;
  private int turns;

  Session(Options options, Screen screen, Keys keys, Ui ui, EventLog log) {
    this.screen = screen;
    this.keys = keys;
    this.ui = ui;
    this.log = log;
    this.permissions = new Permissions(ui, log, options.trustAllTools());
    this.files = new FileTools(this);
    this.catalog = new ScenarioCatalog(options.scenarioDir());
  }

  File resolve(String path) {
    File file = new File(path);
    return file.isAbsolute() ? file : new File(workDir, path);
  }

  /** Prompts until {@code /quit}, {@code /exit} or the end of input; returns the exit code. */
  int run() {
    if (!ui.startupDialog()) {
      return 1;
    }
    while (true) {
      showPrompt();
      String line;
      try {
        line = ui.editor.readPrompt(ui.swallowsEnterAfterPaste());
      } catch (Interrupted e) {
        screen.line("^C"); // Ctrl-C with text typed: drop the line
        continue;
      }
      if (line == null) {
        return 0;
      }
      if (isCommand(line)) {
        int code = command(line.strip());
        if (code >= 0) {
          return code;
        }
      } else if (!line.isBlank()) {
        int code = turn(line);
        if (code >= 0) {
          return code;
        }
      }
    }
  }

  /** Shows the input prompt and notes, in the event log, the moment it was shown. */
  void showPrompt() {
    ui.prompt();
    screen.flush();
    log.event("READY", null);
  }

  /** Only a whole one-line submission that starts with '/' is a command; pasted text is not. */
  static boolean isCommand(String line) {
    return line.startsWith("/") && line.indexOf('\n') < 0 && line.indexOf('\r') < 0;
  }

  /** Returns an exit code, or -1 to go on. */
  private int command(String command) {
    log.event("COMMAND", command);
    switch (command) {
      case "/quit", "/exit" -> {
        return 0;
      }
      case "/clear" -> {
        turns = 0;
        permissions.forgetTrust();
        screen.line("Conversation cleared.");
      }
      case "/help" -> screen.line("Commands: /clear (also forgets trusted tools), /quit, /exit");
      default ->
          screen.line(Ansi.RED + "Unknown command: " + command + " (try /help)" + Ansi.RESET);
    }
    return -1;
  }

  /** Plays a prompt's scenario; returns an exit code, or -1 to go on. */
  private int turn(String prompt) {
    log.event("PROMPT", prompt);
    turns++;
    long start = System.nanoTime();
    try {
      List<String> errors = new ArrayList<>();
      ScenarioCatalog.Choice choice = catalog.choose(prompt, errors);
      for (String error : errors) {
        screen.line(Ansi.RED + "Scenario error: " + error + Ansi.RESET);
      }
      if (choice == null) {
        screen.line(Ansi.RED + "No scenario matches and there is no default one." + Ansi.RESET);
      } else {
        new Turn(this, choice.scenario, prompt, choice.match, turns).play();
      }
      ui.turnEnded((System.nanoTime() - start) / 1_000_000L);
    } catch (Interrupted e) {
      log.event("INTERRUPT", null);
      ui.interrupted();
    } catch (CommandAtQuestion e) {
      return command(e.command.strip());
    }
    return -1;
  }
}
