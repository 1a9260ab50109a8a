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
  final CompletableFuture<TurnEnd> done = new CompletableFuture<>();

  TurnWatcher(
      AgentProfile profile,
      Approvals approvals,
      String sentPrompt,
      long baseline,
      int maxOutputChars,
      Clock clock) {
    this.profile = profile;
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
      long baseline,
      Clock clock,
      java.nio.file.Path workspace) {
    Approvals approvals = new Approvals(profile.approvals(), context.policy(), clock, workspace);
    return new TurnWatcher(
        profile, approvals, sentPrompt, baseline, context.maxOutputChars(), clock);
  }

  @Override
  public boolean onOutput(TerminalText text, Keyboard keyboard) {
    return scanner.scan(
        text, (number, line, committed) -> visit(text, number, line, committed, keyboard));
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
      return finish(text, Optional.of(line.strip()), true);
    }
    boolean scopeOk = profile.endOfTurn().scope() == Scope.ANY || !committed;
    if (scopeOk && profile.endOfTurn().pattern().matcher(line).find()) {
      Optional<String> question =
          matchesAny(profile.questions(), lastLine) ? Optional.of(lastLine) : Optional.empty();
      return finish(text, question, false);
    }
    return false;
  }

  /** The turn so far, for a turn that timed out or failed. */
  TurnEnd snapshot(TerminalText text) {
    return new TurnEnd(output(text), Optional.empty(), false, approvals.records(), clock.instant());
  }

  private boolean finish(TerminalText text, Optional<String> question, boolean waiting) {
    done.complete(
        new TurnEnd(output(text), question, waiting, approvals.records(), clock.instant()));
    return true;
  }

  private String output(TerminalText text) {
    String output = text.textSince(baseline);
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
