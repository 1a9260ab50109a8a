package dev.delegate.core.criteria;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short turn in which the agent judges the criteria that have no check command: the prompt it
 * gets, and how its answer is read. The answer must hold one line per criterion, {@code VERDICT
 * <number> | <met, not met or unknown> | <evidence>}; a criterion without such a line, with a
 * verdict spelled otherwise, or judged {@code met} without evidence, is {@link Verdict#UNKNOWN}:
 * nothing unparseable is ever taken as met. When a criterion has several lines, the last counts
 * (the agent may correct itself; an echoed prompt comes first).
 */
public final class AgentVerdicts {
  /** A criterion and its number in the task (from 1). */
  public record Numbered(int number, Criterion criterion) {}

  private static final Pattern LINE =
      Pattern.compile(
          "^[ \\t*`>-]*VERDICT[ \\t]+#?(\\d{1,3})[ \\t]*\\|[ \\t]*([^|\\n]*?)[ \\t]*\\|[ \\t]*(.*?)[ \\t`\\r]*$",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private AgentVerdicts() {}

  /** The prompt asking the agent to judge {@code criteria}; {@code check} counts from 1. */
  public static String prompt(List<Numbered> criteria, int check) {
    StringBuilder text =
        new StringBuilder("Check ")
            .append(check)
            .append(": judge your work against each acceptance criterion below. Change no file.")
            .append(" Answer with one line per criterion and nothing else, in exactly this form:\n")
            .append("VERDICT <number> | <met, not met or unknown> | <evidence: file:line, or a")
            .append(" command and its output>\n")
            .append("Answer for criteria ")
            .append(String.join(", ", criteria.stream().map(n -> "" + n.number()).toList()))
            .append(".\n");
    for (Numbered n : criteria) {
      text.append(n.number()).append(". ").append(n.criterion().text()).append('\n');
    }
    return text.toString();
  }

  /** The verdicts in the agent's {@code output}, one per criterion asked about, in their order. */
  public static List<CriterionVerdict> parse(String output, List<Numbered> criteria) {
    Map<Integer, MatchResult> last = new HashMap<>();
    Matcher m = LINE.matcher(output == null ? "" : output);
    while (m.find()) {
      last.put(Integer.parseInt(m.group(1)), m.toMatchResult());
    }
    return criteria.stream().map(n -> verdict(n, last.get(n.number()))).toList();
  }

  private static CriterionVerdict verdict(Numbered n, MatchResult line) {
    if (line == null) {
      return CriterionVerdict.judged(
          n.criterion(), Verdict.UNKNOWN, "the agent gave no verdict for criterion " + n.number());
    }
    String evidence = line.group(3).strip();
    return Verdict.parse(line.group(2))
        .map(
            v ->
                v == Verdict.MET && evidence.isEmpty()
                    ? CriterionVerdict.judged(
                        n.criterion(), Verdict.UNKNOWN, "the agent said met but gave no evidence")
                    : CriterionVerdict.judged(n.criterion(), v, evidence))
        .orElseGet(
            () ->
                CriterionVerdict.judged(
                    n.criterion(),
                    Verdict.UNKNOWN,
                    "unreadable verdict '" + line.group(2) + "': " + evidence));
  }
}
