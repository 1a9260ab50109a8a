package dev.delegate.agent.acp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.agent.session.TurnEnd;
import dev.delegate.core.agent.ApprovalRecord;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** One {@code session/prompt}: what the agent said, the approvals answered, what it spent. */
final class AcpTurn {
  final CompletableFuture<TurnEnd> done = new CompletableFuture<>();
  final Budget budget;
  private final int maxOutputChars;
  private final StringBuilder output = new StringBuilder();
  private final List<ApprovalRecord> approvals = new ArrayList<>();
  private Usage usage = Usage.NONE;

  /** The response to the prompt request; set once it is sent. */
  volatile CompletableFuture<JsonNode> response;

  /** Our {@code session/cancel} went out: requests that come now are answered "cancelled". */
  volatile boolean cancelSent;

  AcpTurn(Budget budget, int maxOutputChars) {
    this.budget = budget;
    this.maxOutputChars = maxOutputChars;
  }

  synchronized void say(String text) {
    output.append(text);
    if (output.length() > maxOutputChars) {
      output.delete(0, output.length() - maxOutputChars);
    }
  }

  synchronized void approved(ApprovalRecord record) {
    approvals.add(record);
  }

  synchronized void spent(Usage more) {
    usage = usage.plus(more);
  }

  synchronized Usage usage() {
    return usage;
  }

  /**
   * The turn as it ended when the agent stopped it by itself right after an action was denied (as
   * Codex does): a question to a person, so the job waits for what to do instead.
   */
  synchronized Optional<TurnEnd> stoppedAfterDenial(Instant now) {
    for (int i = approvals.size() - 1; i >= 0; i--) {
      ApprovalRecord record = approvals.get(i);
      if (record.verdict() == ApprovalVerdict.DENY) {
        String what = record.command().or(record::path).orElse(record.promptText());
        String question =
            "The agent stopped after "
                + record.kind().label()
                + " \""
                + what
                + "\" was denied ("
                + record.reason()
                + "). What should it do instead?";
        return Optional.of(
            new TurnEnd(
                output.toString(),
                Optional.of(question),
                false,
                approvals,
                now,
                Optional.empty(),
                usage));
      }
    }
    return Optional.empty();
  }

  /** What the turn produced so far. */
  synchronized TurnEnd snapshot(Instant now) {
    return new TurnEnd(
        output.toString(), Optional.empty(), false, approvals, now, Optional.empty(), usage);
  }

  /**
   * How the turn ended: a failure when the agent stopped it, else a question when the agent's last
   * line matches one of {@code questions} (the next prompt, in the same session, answers it).
   */
  synchronized TurnEnd end(Instant now, Optional<String> failure, List<Pattern> questions) {
    Optional<String> question = failure.isPresent() ? Optional.empty() : question(questions);
    return new TurnEnd(output.toString(), question, false, approvals, now, failure, usage);
  }

  private Optional<String> question(List<Pattern> questions) {
    if (questions.isEmpty()) {
      return Optional.empty();
    }
    String[] lines = output.toString().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip();
      if (!line.isEmpty()) {
        for (Pattern pattern : questions) {
          if (pattern.matcher(line).find()) {
            return Optional.of(line);
          }
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
