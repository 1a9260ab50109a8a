package dev.delegate.scripted;

import java.io.File;

/**
 * The command line: {@code [--ui legacy|tui | --acp [--flavor kiro|plain]] [--trust-all-tools]
 * [--scenarios DIR] [--model NAME] [--version]}.
 */
record Options(
    boolean tui,
    boolean trustAllTools,
    File scenarioDir,
    String model,
    boolean help,
    boolean acp,
    boolean kiroFlavor,
    boolean version) {
  static final String DEFAULT_NAME = "scripted-agent";
  static final String USAGE =
      "usage: ScriptedAgent [--ui legacy|tui | --acp [--flavor kiro|plain]] [--trust-all-tools]"
          + " [--scenarios DIR] [--model NAME] [--version]";

  static Options parse(String[] args) {
    boolean tui = false;
    boolean trustAll = false;
    File dir = null;
    String model = null;
    boolean help = false;
    boolean acp = false;
    boolean kiro = true;
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--ui" -> {
          String ui = value != null ? value : valueOf(args, ++i, arg);
          if (!ui.equals("legacy") && !ui.equals("tui")) {
            throw new IllegalArgumentException("--ui takes legacy or tui, not " + ui);
          }
          tui = ui.equals("tui");
        }
        case "--legacy-ui" -> tui = false;
        case "--trust-all-tools", "-a" -> trustAll = true;
        case "--scenarios" -> dir = new File(value != null ? value : valueOf(args, ++i, arg));
        case "--model" -> model = value != null ? value : valueOf(args, ++i, arg);
        case "--help", "-h" -> help = true;
        case "--acp" -> acp = true;
        case "--flavor" -> {
          String flavor = value != null ? value : valueOf(args, ++i, arg);
          if (!flavor.equals("kiro") && !flavor.equals("plain")) {
            throw new IllegalArgumentException("--flavor takes kiro or plain, not " + flavor);
          }
          kiro = flavor.equals("kiro");
        }
        case "--version", "-V" -> version = true;
        default -> throw new IllegalArgumentException("unknown option: " + args[i]);
      }
    }
    if (dir != null && !dir.isDirectory()) {
      throw new IllegalArgumentException("--scenarios: not a directory: " + dir);
    }
    return new Options(tui, trustAll, dir, model, help, acp, kiro, version);
  }

  /** Legacy banner: {@code 🤖 You are chatting with NAME}; the model name when one was given. */
  String chatName() {
    return model == null || model.isBlank() ? DEFAULT_NAME : model;
  }

  /** TUI header: {@code scripted-agent · MODEL · ◔ 0%}. */
  String modelName() {
    return model == null || model.isBlank() ? "scripted" : model;
  }

  private static String valueOf(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
