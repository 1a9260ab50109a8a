package dev.delegate.agent.session;

import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.AgentProfile.Scope;
import dev.delegate.terminal.TerminalText;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Follows one turn from the moment the prompt is typed: skips the terminal's echo of the prompt,
 * answers approval prompts once each through {@link Approvals}, and notices the end of the turn or
 * a question as soon as the line that shows it arrives. Only output produced after the prompt was
 * sent is looked at, so stale scroll-back never matches.
 */
final class TurnWatcher implements Detector {
  private final AgentProfile profile;
  private final Approvals approvals;
  private final long baseline;
  private final LineScanner scanner;
  private final EchoFilter echo;
  private final int maxOutputChars;
  private final Clock clock;
  private String lastLine = "";
  private final MarkerWatch endWatch;
  private final boolean screenMode;
  final CompletableFuture<TurnEnd> done = new CompletableFuture<>();

  TurnWatcher(
      AgentProfile profile,
      Approvals approvals,
      String sentPrompt,
      long baseline,
      int maxOutputChars,
      Clock clock,
      SessionView view) {
    this.profile = profile;
    this.screenMode = profile.terminal().screen() && view.screen().isPresent();
    this.endWatch =
        MarkerWatch.isLineScope(profile.endOfTurn())
            ? null
            : new MarkerWatch(profile.endOfTurn(), view);
    this.clock = clock;
    this.approvals = approvals;
    this.baseline = baseline;
    this.scanner = new LineScanner(baseline);
    this.echo = new EchoFilter(sentPrompt);
    this.maxOutputChars = maxOutputChars;
  }

  static TurnWatcher create(
      AgentProfile profile,
      SessionContext context,
      String sentPrompt,
      SessionView view,
      Clock clock,
      java.nio.file.Path workspace) {
    Approvals approvals = new Approvals(profile.approvals(), context.policy(), clock, workspace);
    return new TurnWatcher(
        profile,
        approvals,
        sentPrompt,
        view.text().committedLines(),
        context.maxOutputChars(),
        clock,
        view);
  }

  @Override
  public boolean onOutput(SessionView view, Keyboard keyboard) {
    if (screenMode) {
      return onScreen(view, keyboard);
    }
    TerminalText text = view.text();
    boolean ended =
        scanner.scan(
            text, (number, line, committed) -> visit(text, number, line, committed, keyboard));
    if (!ended && endWatch != null && endWatch.check(view)) {
      return finish(
          output(text),
          matchesAny(profile.questions(), lastLine) ? Optional.of(lastLine) : Optional.empty(),
          false);
    }
    return ended;
  }

  /**
   * Screen mode: approvals are dialogs on the settled screen, the end is the end-of-turn marker
   * (fresh on screen, or an OSC payload), the question is the end marker's row when it asks, else
   * the text row just above it, and the output is what the screen shows.
   */
  private boolean onScreen(SessionView view, Keyboard keyboard) {
    java.util.Optional<java.util.List<String>> settled = view.settledRows();
    if (settled.isEmpty()) {
      return false; // a frame is being drawn
    }
    List<String> rows = settled.get();
    if (approvals.offerScreen(rows, keyboard)) {
      return false;
    }
    boolean ended =
        endWatch != null
            ? endWatch.check(view)
            : rows.stream().anyMatch(r -> profile.endOfTurn().pattern().matcher(r).find());
    if (!ended) {
      return false;
    }
    int end = endWatch != null && endWatch.row() >= 0 ? endWatch.row() : rows.size();
    // an end row that asks something is the question itself (Claude Code after a denial:
    // "Interrupted · What should Claude do instead?"); otherwise the text row above it
    String above = end < rows.size() ? rows.get(end).strip() : "";
    if (!matchesAny(profile.questions(), above)) {
      above = "";
      for (int i = end - 1; i >= 0 && above.isEmpty(); i--) {
        above = rows.get(i).strip();
      }
    }
    Optional<String> question =
        matchesAny(profile.questions(), above)
            ? Optional.of(above.replaceFirst("^[●•⏺⎿][\\s\\u00a0]*", ""))
            : Optional.empty();
    return finish(clip(view.screen().get().screenText()), question, false);
  }

  private boolean visit(
      TerminalText text, long number, String line, boolean committed, Keyboard keyboard) {
    if (echo.isEcho(line, committed)) {
      return false;
    }
    if (matchesAny(profile.busy(), line)) {
      approvals.progress(number);
    }
    if (approvals.offer(number, line, committed, keyboard)) {
      return false;
    }
    if (committed && !line.isBlank()) {
      lastLine = line.strip();
    }
    if (!committed && matchesAny(profile.questions(), line) && !approvals.isPrompt(line)) {
      return finish(output(text), Optional.of(line.strip()), true);
    }
    boolean scopeOk = endWatch == null && (profile.endOfTurn().scope() == Scope.ANY || !committed);
    if (scopeOk && profile.endOfTurn().pattern().matcher(line).find()) {
      Optional<String> question =
          matchesAny(profile.questions(), lastLine) ? Optional.of(lastLine) : Optional.empty();
      return finish(output(text), question, false);
    }
    return false;
  }

  /** The turn so far, for a turn that timed out or failed. */
  TurnEnd snapshot(SessionView view) {
    String output = screenMode ? clip(view.screen().get().screenText()) : output(view.text());
    return new TurnEnd(output, Optional.empty(), false, approvals.records(), clock.instant());
  }

  private boolean finish(String output, Optional<String> question, boolean waiting) {
    done.complete(new TurnEnd(output, question, waiting, approvals.records(), clock.instant()));
    return true;
  }

  private String output(TerminalText text) {
    return clip(text.textSince(baseline));
  }

  private String clip(String output) {
    if (output.length() > maxOutputChars) {
      output =
          "[… "
              + (output.length() - maxOutputChars)
              + " earlier characters left out; the transcript has them all …]\n"
              + output.substring(output.length() - maxOutputChars);
    }
    return output;
  }

  static boolean matchesAny(List<Pattern> patterns, String line) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(line).find()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void abort(Throwable reason) {
    done.completeExceptionally(reason);
  }
}
