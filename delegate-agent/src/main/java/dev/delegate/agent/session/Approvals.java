package dev.delegate.agent.session;

import dev.delegate.core.agent.AgentProfile.ApprovalPrompt;
import dev.delegate.core.agent.ApprovalDecision;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.ApprovalRecord;
import dev.delegate.core.agent.ApprovalRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers approval prompts exactly once each. A prompt is identified by its line number; after an
 * answer, another prompt is only answered once the agent has printed something else than the prompt
 * and its options (so a redraw of the same prompt or menu, in place or on new lines, is not a
 * second prompt). Each decision comes from the policy and is recorded with the prompt text.
 */
final class Approvals {
  private static final int CONTEXT_LINES = 40;

  /**
   * A dialog still drawn unchanged this long after its answer did not get the keys (an agent under
   * load can drop keys typed while it draws): they are typed again, at most {@link #MAX_RESENDS}
   * times.
   */
  static final long RESEND_AFTER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

  static final int MAX_RESENDS = 3;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Approvals.class);

  private final List<ApprovalPrompt> prompts;
  private final ApprovalPolicy policy;
  private final Clock clock;
  private final Deque<String> context = new ArrayDeque<>();
  private final List<ApprovalRecord> records = new ArrayList<>();
  private long answeredLine = -1;
  private boolean progressSinceAnswer = true;
  private boolean dialogOnScreen;
  private List<String> answeredScreen = List.of();
  private String answeredKeys = "";
  private long answeredNanos;
  private int resends;

  private final Optional<Path> workspace;

  private final long resendAfterNanos;

  Approvals(List<ApprovalPrompt> prompts, ApprovalPolicy policy, Clock clock, Path workspace) {
    this(prompts, policy, clock, workspace, RESEND_AFTER_NANOS);
  }

  Approvals(
      List<ApprovalPrompt> prompts,
      ApprovalPolicy policy,
      Clock clock,
      Path workspace,
      long resendAfterNanos) {
    this.resendAfterNanos = resendAfterNanos;
    this.workspace = Optional.ofNullable(workspace);
    this.prompts = prompts;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * @return true when the line is an approval prompt (answered now or before)
   */
  boolean offer(long number, String line, boolean committed, Keyboard keyboard) {
    ApprovalPrompt prompt = match(line);
    if (prompt == null) {
      if (committed && !line.isBlank() && !isOption(line)) {
        remember(line);
        if (number > answeredLine) {
          progressSinceAnswer = true;
        }
      }
      return false;
    }
    if (number == answeredLine || !progressSinceAnswer) {
      return true;
    }
    answer(prompt, line, String.join("\n", context), keyboard);
    answeredLine = number;
    progressSinceAnswer = false;
    context.clear();
    return true;
  }

  /**
   * Screen mode: answers the approval dialog on the settled screen once per appearance. After an
   * answer, the next dialog is only answered once no row of the screen matched a prompt any more,
   * so a dialog still drawn while the agent takes the answer is never answered twice. The tool and
   * command are searched in the whole screen.
   *
   * @return true when a dialog is on screen
   */
  boolean offerScreen(List<String> rows, Keyboard keyboard) {
    for (String row : rows) {
      ApprovalPrompt prompt = match(row);
      if (prompt != null) {
        if (!dialogOnScreen) {
          dialogOnScreen = true;
          answer(prompt, row, String.join("\n", rows), keyboard);
          answeredScreen = List.copyOf(rows);
          answeredNanos = System.nanoTime();
          resends = 0;
        } else if (rows.equals(answeredScreen)
            && resends < MAX_RESENDS
            && System.nanoTime() - answeredNanos > resendAfterNanos) {
          resends++;
          answeredNanos = System.nanoTime();
          LOG.info("approval dialog still open after its answer; typing the answer again");
          keyboard.type(answeredKeys);
        }
        return true;
      }
    }
    dialogOnScreen = false;
    return false;
  }

  private void answer(ApprovalPrompt prompt, String line, String context, Keyboard keyboard) {
    ApprovalRequest request =
        new ApprovalRequest(
            find(prompt.tool(), "tool", context),
            find(prompt.command(), "command", context),
            line.strip(),
            prompt.kind(),
            find(prompt.path(), "path", context),
            workspace);
    ApprovalDecision decision = policy.decide(request);
    answeredKeys = prompt.keysFor(decision.verdict());
    keyboard.type(answeredKeys);
    records.add(ApprovalRecord.of(clock.instant(), request, decision));
  }

  /** A busy marker or other sign of work after an answer: the next prompt is a new one. */
  void progress(long number) {
    if (number >= answeredLine) {
      progressSinceAnswer = true;
    }
  }

  boolean isPrompt(String line) {
    return match(line) != null;
  }

  List<ApprovalRecord> records() {
    return List.copyOf(records);
  }

  private boolean isOption(String line) {
    for (ApprovalPrompt prompt : prompts) {
      if (TurnWatcher.matchesAny(prompt.options(), line)) {
        return true;
      }
    }
    return false;
  }

  private ApprovalPrompt match(String line) {
    for (ApprovalPrompt prompt : prompts) {
      if (prompt.pattern().matcher(line).find()) {
        return prompt;
      }
    }
    return null;
  }

  private void remember(String line) {
    if (context.size() == CONTEXT_LINES) {
      context.removeFirst();
    }
    context.addLast(line);
  }

  private static Optional<String> find(Pattern pattern, String group, String context) {
    if (pattern == null) {
      return Optional.empty();
    }
    Matcher matcher = pattern.matcher(context);
    String found = null;
    while (matcher.find()) {
      found = matcher.group(group);
    }
    return Optional.ofNullable(found).map(String::strip);
  }
}
