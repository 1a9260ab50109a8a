package dev.delegate.agent.session;

import dev.delegate.core.agent.AgentProfile.KeyPrompt;
import dev.delegate.core.agent.AgentProfile.Marker;
import dev.delegate.core.agent.AgentProfile.Scope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Waits until the agent shows its ready marker in output that arrived after {@code baseline} (or,
 * for screen and OSC markers, after the waiter was made), answering start-up dialogs once each on
 * the way.
 */
final class ReadyWaiter implements Detector {
  private final Marker ready;
  private final List<KeyPrompt> dialogs;
  private final LineScanner scanner;
  private final long baseline;
  private final boolean requireNewLine;
  private final Set<Integer> answered = new HashSet<>();
  private final MarkerWatch watch;
  final CompletableFuture<Void> done = new CompletableFuture<>();

  /**
   * @param requireNewLine the agent must print a line break first (after a command was typed, so
   *     the prompt that was already on screen does not count)
   */
  ReadyWaiter(
      Marker ready,
      List<KeyPrompt> dialogs,
      long baseline,
      boolean requireNewLine,
      SessionView view) {
    this.ready = ready;
    this.watch = MarkerWatch.isLineScope(ready) ? null : new MarkerWatch(ready, view);
    this.dialogs = dialogs;
    this.baseline = baseline;
    this.requireNewLine = requireNewLine;
    this.scanner = new LineScanner(baseline);
  }

  @Override
  public boolean onOutput(SessionView view, Keyboard keyboard) {
    if (watch != null) {
      scanner.scan(view.text(), (number, line, committed) -> answerDialogs(line, keyboard));
      view.settledRows().ifPresent(rows -> rows.forEach(row -> answerDialogs(row, keyboard)));
      boolean found = watch.check(view);
      if (found) {
        done.complete(null);
      }
      return found;
    }
    var text = view.text();
    if (requireNewLine && text.committedLines() <= baseline) {
      return false;
    }
    boolean found =
        scanner.scan(
            text,
            (number, line, committed) -> {
              answerDialogs(line, keyboard);
              boolean scopeOk = ready.scope() == Scope.ANY || !committed;
              return scopeOk && ready.pattern().matcher(line).find();
            });
    if (found) {
      done.complete(null);
    }
    return found;
  }

  private boolean answerDialogs(String line, Keyboard keyboard) {
    for (int i = 0; i < dialogs.size(); i++) {
      KeyPrompt dialog = dialogs.get(i);
      if (!answered.contains(i) && dialog.pattern().matcher(line).find()) {
        answered.add(i);
        keyboard.type(dialog.keys());
      }
    }
    return false;
  }

  @Override
  public void abort(Throwable reason) {
    done.completeExceptionally(reason);
  }
}
