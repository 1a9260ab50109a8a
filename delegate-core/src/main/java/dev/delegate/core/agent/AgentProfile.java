package dev.delegate.core.agent;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Data describing one agent CLI: how to start it, how to read its terminal and how to answer it.
 * Profiles are loaded from YAML files (see docs/agent-profiles.md); nothing here is specific to one
 * CLI.
 *
 * <p>Patterns are Java regular expressions matched against one line of terminal text at a time,
 * with escape sequences removed. A {@link Marker} says whether the pattern must match the line the
 * cursor is on (the agent waits for input there) or any line printed since the prompt was sent.
 *
 * @param displayName how commits, TASK.md and the UI name the agent, e.g. "Kiro CLI"
 * @param command the program to run; {@code ${java}} and {@code ${scripted.classpath}} are replaced
 *     by this JVM's java launcher and the scripted agent's classpath
 * @param busy lines that show the agent is working (spinners); they count as progress
 * @param questions lines, at the cursor, that show the agent asks the user something
 * @param interruptKeys keys that interrupt a running turn (Ctrl-C for most CLIs)
 * @param exitCommand typed to end the session politely before it is killed
 * @param home a home directory of its own for each session, with files written before it starts
 * @param driver how the agent is driven: through a terminal (its markers and keys) or over the
 *     Agent Client Protocol (JSON-RPC on its standard input and output)
 * @param acp settings of the ACP driver
 * @param version how to read the CLI's version and the versions it was tested with
 */
public record AgentProfile(
    String name,
    String displayName,
    String description,
    String command,
    List<String> args,
    Map<String, String> env,
    TerminalSize terminal,
    Startup startup,
    List<Pattern> busy,
    Marker endOfTurn,
    List<ApprovalPrompt> approvals,
    List<Pattern> questions,
    Reset reset,
    Submit submit,
    String interruptKeys,
    String exitCommand,
    Home home,
    Driver driver,
    Acp acp,
    Version version) {

  /** A profile without a session home of its own. */
  public AgentProfile(
      String name,
      String displayName,
      String description,
      String command,
      List<String> args,
      Map<String, String> env,
      TerminalSize terminal,
      Startup startup,
      List<Pattern> busy,
      Marker endOfTurn,
      List<ApprovalPrompt> approvals,
      List<Pattern> questions,
      Reset reset,
      Submit submit,
      String interruptKeys,
      String exitCommand) {
    this(
        name,
        displayName,
        description,
        command,
        args,
        env,
        terminal,
        startup,
        busy,
        endOfTurn,
        approvals,
        questions,
        reset,
        submit,
        interruptKeys,
        exitCommand,
        null,
        null,
        null,
        null);
  }

  public AgentProfile {
    requireText(name, "name");
    requireText(command, "command");
    driver = driver == null ? Driver.PTY : driver;
    if (driver == Driver.ACP) {
      // the protocol says when a turn ends; the start-up timeout bounds `initialize`
      startup =
          startup == null
              ? new Startup(Marker.NEVER, 0, List.of())
              : new Startup(
                  startup.ready() == null ? Marker.NEVER : startup.ready(),
                  startup.timeoutMs(),
                  startup.dialogs());
      endOfTurn = endOfTurn == null ? Marker.NEVER : endOfTurn;
    }
    Objects.requireNonNull(startup, "startup (with a ready marker) is required");
    Objects.requireNonNull(startup.ready(), "startup.ready is required");
    Objects.requireNonNull(endOfTurn, "endOfTurn is required");
    acp = acp == null ? Acp.DEFAULT : acp;
    version = version == null ? Version.NONE : version;
    description = description == null ? "" : description;
    displayName = displayName == null || displayName.isBlank() ? name : displayName;
    args = args == null ? List.of() : List.copyOf(args);
    env = env == null ? Map.of() : Map.copyOf(env);
    terminal = terminal == null ? TerminalSize.DEFAULT : terminal;
    busy = busy == null ? List.of() : List.copyOf(busy);
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
    questions = questions == null ? List.of() : List.copyOf(questions);
    reset = reset == null ? Reset.NONE : reset;
    submit = submit == null ? Submit.TYPED : submit;
    interruptKeys = interruptKeys == null ? "\u0003" : interruptKeys;
    exitCommand = exitCommand == null ? "" : exitCommand;
    home = home == null ? Home.NONE : home;
  }

  /** True when any marker or the profile's terminal settings ask for the screen model. */
  public boolean readsScreen() {
    return terminal.screen()
        || startup.ready().scope() == Scope.SCREEN
        || endOfTurn.scope() == Scope.SCREEN;
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("agent profile: '" + field + "' is required");
    }
  }

  /** Where a marker's pattern must match. */
  public enum Scope {
    /** The line the cursor is on: the agent printed it and waits there. */
    LINE,
    /** Any line printed since the prompt (or reset command) was sent. */
    ANY,
    /**
     * A row of the live screen (a VT screen model of the terminal), for full-screen and redrawing
     * TUIs. Rows that already matched when the watch began do not count, so a marker left on screen
     * by an earlier turn is not taken for a new one.
     */
    SCREEN,
    /**
     * An OSC payload (such as Codex's {@code 7501;state=done:app=codex}) received since the prompt
     * (or reset command) was sent.
     */
    OSC
  }

  /** How a session talks to the agent. */
  public enum Driver {
    /** A pseudo-terminal: the agent's screen is read and keys are typed (any CLI). */
    PTY,
    /** The Agent Client Protocol: JSON-RPC 2.0 over standard input and output. */
    ACP
  }

  /**
   * Settings of the ACP driver.
   *
   * @param model when set, chosen for each session with {@code session/set_model}
   * @param mode when set, chosen for each session with {@code session/set_mode}
   * @param cancelGraceMs how long a cancelled turn may take to answer before the process is
   *     restarted
   * @param requestTimeoutMs how long {@code session/new} and other requests may take
   */
  public record Acp(String model, String mode, long cancelGraceMs, long requestTimeoutMs) {
    public static final Acp DEFAULT = new Acp(null, null, 0, 0);
    public static final long DEFAULT_CANCEL_GRACE_MS = 5_000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

    public Acp {
      model = model == null || model.isBlank() ? null : model;
      mode = mode == null || mode.isBlank() ? null : mode;
      cancelGraceMs = cancelGraceMs <= 0 ? DEFAULT_CANCEL_GRACE_MS : cancelGraceMs;
      requestTimeoutMs = requestTimeoutMs <= 0 ? DEFAULT_REQUEST_TIMEOUT_MS : requestTimeoutMs;
    }

    public Optional<String> modelIfAny() {
      return Optional.ofNullable(model);
    }

    public Optional<String> modeIfAny() {
      return Optional.ofNullable(mode);
    }
  }

  /**
   * How to read the CLI's version, and the versions it was tested with. A pool refuses to start an
   * agent whose version is outside {@code tested} unless told to allow untested agents.
   *
   * @param command the program that prints the version; the profile's command when absent (for an
   *     agent started through a wrapper that has no version flag of its own)
   * @param args the arguments that make the command print its version (the profile's own arguments
   *     are not used), e.g. {@code [--version]}
   * @param pattern finds the version in that output: group {@code version}, else the whole match
   * @param tested the versions tested with, inclusive: {@code from} and {@code to}
   */
  public record Version(String command, List<String> args, Pattern pattern, TestedRange tested) {
    public static final Version NONE = new Version(null, List.of(), null, null);
    public static final Pattern SEMVER = Pattern.compile("(?<version>\\d+\\.\\d+\\.\\d+)");

    public Version {
      command = command == null || command.isBlank() ? null : command;
      args = args == null ? List.of("--version") : List.copyOf(args);
      pattern = pattern == null ? SEMVER : pattern;
    }

    /** True when the profile declares tested versions, so the version is checked. */
    public boolean checked() {
      return tested != null;
    }
  }

  /** An inclusive range of versions, compared number by number ({@code 2.1.9 < 2.1.10}). */
  public record TestedRange(String from, String to) {
    public TestedRange {
      requireText(from, "version.tested.from");
      to = to == null || to.isBlank() ? from : to;
    }

    @Override
    public String toString() {
      return from.equals(to) ? from : from + " to " + to;
    }
  }

  /** A pattern and where it must match. */
  public record Marker(Pattern pattern, Scope scope) {
    /** Never matches: the ACP driver's placeholder for the terminal markers it does not use. */
    public static final Marker NEVER = new Marker(Pattern.compile("(?!)"), Scope.ANY);

    public Marker {
      Objects.requireNonNull(pattern, "marker pattern");
      scope = scope == null ? Scope.ANY : scope;
    }
  }

  /**
   * Fixed PTY size; agents lay out their screens for it.
   *
   * @param screen read approvals, questions and the turn's output from the live screen (a VT screen
   *     model) instead of the stream of lines; for full-screen and redrawing TUIs
   */
  public record TerminalSize(int cols, int rows, boolean screen) {
    public static final TerminalSize DEFAULT = new TerminalSize(120, 40);

    public TerminalSize {
      cols = cols <= 0 ? DEFAULT_COLS : cols;
      rows = rows <= 0 ? DEFAULT_ROWS : rows;
    }

    public TerminalSize(int cols, int rows) {
      this(cols, rows, false);
    }

    private static final int DEFAULT_COLS = 120;
    private static final int DEFAULT_ROWS = 40;
  }

  /**
   * How a session becomes ready.
   *
   * @param ready shows the agent waits for a prompt (checked at start, after a reset and after an
   *     interrupt)
   * @param dialogs start-up dialogs answered once each, e.g. a trust confirmation
   */
  public record Startup(Marker ready, long timeoutMs, List<KeyPrompt> dialogs) {
    public static final long DEFAULT_TIMEOUT_MS = 60_000;

    /** {@code ready} may be left out only by ACP profiles; the profile checks it. */
    public Startup {
      timeoutMs = timeoutMs <= 0 ? DEFAULT_TIMEOUT_MS : timeoutMs;
      dialogs = dialogs == null ? List.of() : List.copyOf(dialogs);
    }
  }

  /** A line that, when seen, is answered with keys once. */
  public record KeyPrompt(Pattern pattern, String keys) {
    public KeyPrompt {
      Objects.requireNonNull(pattern, "dialog pattern");
      Objects.requireNonNull(keys, "dialog keys");
    }
  }

  /**
   * An approval prompt and the keys that answer it.
   *
   * @param options lines that belong to the prompt (a menu's other choices); they are not the agent
   *     moving on, so their redraws never make the prompt count as a new one
   * @param tool finds the tool name (group {@code tool}) in the lines before the prompt
   * @param command finds the command or path (group {@code command}) in the lines before the prompt
   * @param kind what the prompt's actions do; when absent, guessed from the tool name
   * @param path finds the file the action concerns (group {@code path}) in the lines before the
   *     prompt; approval rules and the workspace guard judge it
   */
  public record ApprovalPrompt(
      Pattern pattern,
      List<Pattern> options,
      Pattern tool,
      Pattern command,
      String allowKeys,
      String trustKeys,
      String denyKeys,
      ToolKind kind,
      Pattern path) {
    public ApprovalPrompt {
      Objects.requireNonNull(pattern, "approval pattern");
      options = options == null ? List.of() : List.copyOf(options);
      Objects.requireNonNull(allowKeys, "approval allowKeys");
      Objects.requireNonNull(denyKeys, "approval denyKeys");
      trustKeys = trustKeys == null ? allowKeys : trustKeys;
    }

    public String keysFor(ApprovalVerdict verdict) {
      return switch (verdict) {
        case ALLOW -> allowKeys;
        case TRUST -> trustKeys;
        case DENY -> denyKeys;
      };
    }
  }

  /**
   * Clears the agent's conversation between jobs so one task never leaks into the next.
   *
   * @param enterDelayMs pause between typing the command and its Enter, for CLIs that take a burst
   *     of keys ending in Enter for a paste
   */
  public record Reset(String command, long timeoutMs, long enterDelayMs) {
    public static final Reset NONE = new Reset("", 0);
    public static final long DEFAULT_TIMEOUT_MS = 30_000;

    public Reset {
      command = command == null ? "" : command;
      timeoutMs = timeoutMs <= 0 ? DEFAULT_TIMEOUT_MS : timeoutMs;
      enterDelayMs = Math.max(0, enterDelayMs);
    }

    public Reset(String command, long timeoutMs) {
      this(command, timeoutMs, 0);
    }

    public Optional<String> commandIfAny() {
      return command.isEmpty() ? Optional.empty() : Optional.of(command);
    }
  }

  /** How a prompt is typed. */
  public enum SubmitStyle {
    /** Type the text (line breaks become spaces), then Enter. */
    TYPED,
    /** Bracketed paste of the text (line breaks kept), then the Enters. */
    PASTE
  }

  /**
   * @param enters how many Enter keys submit the prompt
   * @param enterDelayMs pause before each Enter, for CLIs that drop a too-early Enter
   */
  public record Submit(SubmitStyle style, int enters, long enterDelayMs) {
    public static final Submit TYPED = new Submit(SubmitStyle.TYPED, 1, 0);

    public Submit {
      style = style == null ? SubmitStyle.TYPED : style;
      enters = enters <= 0 ? 1 : enters;
      enterDelayMs = Math.max(0, enterDelayMs);
    }
  }

  /**
   * A home directory of the session's own ({@code <data>/homes/<worker>}), so an agent's settings,
   * history and credentials never mix with the user's or another session's. Its files are written
   * before every start; their content may use {@code ${home}}, {@code ${workdir}} and {@code
   * ${env:NAME}} (the agent's environment, with {@code ${env:NAME:-default}} and {@code
   * ${env:NAME|last:20}} for the last 20 characters).
   *
   * @param env environment variables set to the home directory, e.g. {@code HOME}
   * @param files files written inside it, by relative path
   */
  public record Home(List<String> env, List<HomeFile> files) {
    public static final Home NONE = new Home(List.of(), List.of());

    public Home {
      env = env == null ? List.of() : List.copyOf(env);
      files = files == null ? List.of() : List.copyOf(files);
    }

    public boolean isNone() {
      return env.isEmpty() && files.isEmpty();
    }
  }

  /** A file of a session's home: a relative path and a template of its content. */
  public record HomeFile(String path, String content) {
    public HomeFile {
      Objects.requireNonNull(path, "home file path");
      if (path.startsWith("/") || path.contains("..")) {
        throw new IllegalArgumentException(
            "home file path must be relative, without '..': " + path);
      }
      content = content == null ? "" : content;
    }
  }
}
