package dev.delegate.scripted;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;

/** Plays one scenario for one prompt, step by step; Ctrl-C between or during steps ends it. */
final class Turn {
  private static final int SUMMARY_LENGTH = 72;

  private final Session session;
  private final Screen screen;
  private final Scenario scenario;
  private final Map<String, String> vars = new HashMap<>();

  Turn(Session session, Scenario scenario, String prompt, MatchResult match, int turnNumber) {
    this.session = session;
    this.screen = session.screen;
    this.scenario = scenario;
    variables(vars, prompt, match, turnNumber);
  }

  /** A scenario's variables at the start of a turn: prompt, summary, turn, answer, 0 to 9. */
  static void variables(
      Map<String, String> vars, String prompt, MatchResult match, int turnNumber) {
    vars.put("prompt", prompt);
    vars.put("summary", summary(prompt));
    vars.put("turn", Integer.toString(turnNumber));
    vars.put("answer", "");
    for (int group = 0; match != null && group <= Math.min(9, match.groupCount()); group++) {
      String value = match.group(group);
      vars.put(Integer.toString(group), value == null ? "" : value);
    }
  }

  void play() {
    List<Step> steps = scenario.steps;
    for (int i = 0; i < steps.size(); i++) {
      if (session.keys.awaitInterrupt(0)) {
        throw new Interrupted();
      }
      Step step = steps.get(i);
      try {
        run(step, Template.expand(step.arg, vars));
      } catch (IllegalArgumentException e) {
        screen.line(
            Ansi.RED
                + "Scenario error at "
                + scenario.origin
                + ":"
                + step.line
                + ": "
                + e.getMessage()
                + Ansi.RESET);
      }
      screen.flush();
    }
  }

  private void run(Step step, String arg) {
    switch (step.kind) {
      case SAY -> screen.agentText("", arg);
      case REPLY -> screen.agentText(Ansi.BOLD, arg);
      case THINK ->
          Spinner.spin(screen, session.keys, session.ui.thinkingLabel(), Numbers.millis(arg));
      case READ -> session.files.read(arg);
      case WRITE -> session.files.write(arg, Template.expand(step.text, vars));
      case EDIT ->
          session.files.edit(
              arg, Template.expand(step.text, vars), Template.expand(step.replacement, vars));
      case RUN -> new ShellTool(session).run(arg);
      case ASK -> ask(arg);
      case HANG -> hang();
      case CRASH -> crash(Numbers.exitCode(arg));
      case FLOOD -> Flood.print(screen, session.keys, Numbers.bytes(arg));
      case COST -> Numbers.usd(arg); // spending shows over ACP only
    }
  }

  /** Like Kiro: the question ends the agent's output and the input prompt comes back. */
  private void ask(String question) {
    screen.agentText(Ansi.CYAN, question);
    session.showPrompt();
    String answer = session.ui.editor.readPrompt(session.ui.swallowsEnterAfterPaste());
    if (answer == null) {
      throw new ExitRequest(0);
    }
    if (Session.isCommand(answer)) {
      throw new CommandAtQuestion(answer);
    }
    session.log.event("ANSWER", answer);
    vars.put("answer", answer);
  }

  /** No more output, all input ignored (even Ctrl-C), until the process is killed. */
  private void hang() {
    screen.flush();
    session.keys.discardAll();
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // keep hanging
      }
    }
  }

  private void crash(int code) {
    screen.line(Ansi.RED + "panic: scripted crash (exit code " + code + ")" + Ansi.RESET);
    throw new ExitRequest(code);
  }

  /** The first non-blank line, shortened: what {@code ${summary}} gives. */
  static String summary(String prompt) {
    for (String line : prompt.split("[\r\n]")) {
      String text = Echo.printable(line).strip();
      if (!text.isEmpty()) {
        return text.length() <= SUMMARY_LENGTH ? text : text.substring(0, SUMMARY_LENGTH - 1) + "…";
      }
    }
    return "";
  }
}
