package dev.delegate.scripted;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A terminal program that behaves like Kiro CLI (legacy chat UI, 2.x TUI, or {@code --acp}: the
 * Agent Client Protocol on stdin/stdout) and plays scenarios instead of asking a model, so the
 * worker pool can be tested and demoed for free. See README.md.
 *
 * <p>Start-up matters (tests start it often, 64 copies share two cores): no lambdas, no reflection,
 * no thread pools, scenarios parsed only when the first prompt arrives.
 */
public final class ScriptedAgent {
  private ScriptedAgent() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ScriptedAgent: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(Options.USAGE);
      return;
    }
    if (options.version()) {
      System.out.println(Version.line());
      return;
    }
    if (options.acp()) {
      System.exit(acp(options));
      return;
    }
    Process stty = Tty.startRawMode();
    Screen screen = Screen.stdout();
    EventLog log = EventLog.fromEnvironment();
    int code;
    try {
      screen.print(Ansi.BRACKETED_PASTE_ON);
      Keys keys = new Keys();
      Ui ui = Ui.create(screen, keys, options);
      ui.banner();
      screen.flush();
      Tty.awaitRawMode(stty);
      InputPump.start(keys);
      code = new Session(options, screen, keys, ui, log).run();
    } catch (ExitRequest e) {
      code = e.code;
    } catch (UncheckedIOException e) {
      code = 1; // the terminal went away
    }
    log.event("EXIT", Integer.toString(code));
    try {
      screen.flush();
    } catch (UncheckedIOException e) {
      // nothing left to tell
    }
    System.exit(code);
  }

  /** ACP mode: JSON-RPC on stdin/stdout, no terminal; returns the exit code. */
  private static int acp(Options options) {
    EventLog log = EventLog.fromEnvironment();
    int code;
    try {
      code = new AcpAgent(options, AcpOut.stdout(), log).run();
    } catch (IOException | UncheckedIOException e) {
      code = 1; // stdin or stdout went away
    }
    log.event("EXIT", Integer.toString(code));
    return code;
  }
}
