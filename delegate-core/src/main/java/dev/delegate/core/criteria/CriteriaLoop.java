package dev.delegate.core.criteria;

import dev.delegate.core.agent.TurnContinuation;
import dev.delegate.core.agent.TurnResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Checks a job's work against its acceptance criteria in the agent's session, before the commit:
 * after the agent's turn, each check command runs in the workspace; the criteria without one go to
 * the agent in a short turn that must answer in {@link AgentVerdicts}' form. While criteria are not
 * met and fix rounds are left, the agent gets a turn to fix them and everything is checked again.
 * One loop serves one job's request; the worker calls it from one thread at a time.
 */
public final class CriteriaLoop implements TurnContinuation {
  private enum Phase {
    WORKING,
    JUDGING,
    DONE
  }

  private final List<Criterion> criteria;
  private final int rounds;
  private final CheckCommand checks;
  private Phase phase = Phase.WORKING;
  private int checksDone;
  private int fixes;
  private List<CriterionVerdict> pending = List.of();
  private List<CriterionVerdict> last = List.of();
  private boolean workCompleted;

  /**
   * @param rounds how many times unmet criteria go back to the agent to be fixed (0: never)
   */
  public CriteriaLoop(List<Criterion> criteria, int rounds, CheckCommand checks) {
    if (rounds < 0) {
      throw new IllegalArgumentException("rounds must be at least 0, was " + rounds);
    }
    this.criteria = List.copyOf(criteria);
    this.rounds = rounds;
    this.checks = checks;
  }

  @Override
  public synchronized Optional<String> next(Path directory, TurnResult turn)
      throws InterruptedException {
    workCompleted = true;
    if (criteria.isEmpty() || phase == Phase.DONE) {
      phase = Phase.DONE;
      return Optional.empty();
    }
    if (phase == Phase.JUDGING) {
      List<CriterionVerdict> answered = AgentVerdicts.parse(turn.output(), judgedByAgent());
      return decide(merge(pending, answered));
    }
    checksDone++;
    pending = runChecks(directory);
    List<AgentVerdicts.Numbered> asked = judgedByAgent();
    if (asked.isEmpty()) {
      return decide(pending);
    }
    phase = Phase.JUDGING;
    return Optional.of(AgentVerdicts.prompt(asked, checksDone));
  }

  /** Whether the agent completed its work turn (the checks may have been cut short after it). */
  public synchronized boolean workCompleted() {
    return workCompleted;
  }

  /**
   * The verdicts of the last check that got as far as a verdict for every criterion; when the
   * agent's judging turn did not end, the checks' verdicts and {@code unknown} for the rest. Empty
   * when the job has no criteria or nothing was checked.
   */
  public synchronized List<CriterionVerdict> verdicts() {
    if (phase == Phase.JUDGING) {
      List<CriterionVerdict> unanswered =
          judgedByAgent().stream()
              .map(
                  n ->
                      CriterionVerdict.judged(
                          n.criterion(),
                          Verdict.UNKNOWN,
                          "the agent's judging turn did not end normally"))
              .toList();
      return merge(pending, unanswered);
    }
    return last;
  }

  /** How many fix turns the agent got. */
  public synchronized int fixes() {
    return fixes;
  }

  private Optional<String> decide(List<CriterionVerdict> verdicts) {
    last = verdicts;
    if (CriteriaSummary.allMet(verdicts) || fixes >= rounds) {
      phase = Phase.DONE;
      return Optional.empty();
    }
    fixes++;
    phase = Phase.WORKING;
    return Optional.of(fixPrompt(verdicts));
  }

  private List<CriterionVerdict> runChecks(Path directory) throws InterruptedException {
    List<CriterionVerdict> verdicts = new ArrayList<>();
    for (Criterion criterion : criteria) {
      verdicts.add(criterion.check().isPresent() ? checks.run(criterion, directory) : null);
    }
    return verdicts;
  }

  private List<AgentVerdicts.Numbered> judgedByAgent() {
    return IntStream.range(0, criteria.size())
        .filter(i -> criteria.get(i).check().isEmpty())
        .mapToObj(i -> new AgentVerdicts.Numbered(i + 1, criteria.get(i)))
        .toList();
  }

  /** The checks' verdicts with the agent's in the places the checks left empty. */
  private static List<CriterionVerdict> merge(
      List<CriterionVerdict> checked, List<CriterionVerdict> answered) {
    List<CriterionVerdict> all = new ArrayList<>(checked);
    int next = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) == null) {
        all.set(i, answered.get(next++));
      }
    }
    return List.copyOf(all);
  }

  private String fixPrompt(List<CriterionVerdict> verdicts) {
    StringBuilder text =
        new StringBuilder("Check ")
            .append(checksDone)
            .append(" found acceptance criteria not met yet. Fix them in this workspace,")
            .append(" then say in a line or two what you changed:\n");
    for (int i = 0; i < verdicts.size(); i++) {
      CriterionVerdict v = verdicts.get(i);
      if (v.met()) {
        continue;
      }
      text.append(i + 1).append(". ").append(v.criterion().text());
      v.criterion().check().ifPresent(c -> text.append(" (check: `").append(c).append("`)"));
      text.append(" — ").append(v.verdict().label());
      String why = CriteriaSummary.lastLine(v.evidence());
      if (!why.isEmpty()) {
        text.append(": ").append(why);
      }
      text.append('\n');
    }
    return text.toString();
  }
}
