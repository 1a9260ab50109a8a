package dev.delegate.core.criteria;

import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one criterion after a job's work, with what shows it.
 *
 * @param evidence for a check: its output's tail; for the agent's judgement: the file and line or
 *     command output it named; otherwise why the verdict is {@link Verdict#UNKNOWN}
 * @param exitCode the check command's exit code; empty when the agent judged, or the check timed
 *     out or could not start
 */
public record CriterionVerdict(
    Criterion criterion, Verdict verdict, String evidence, Optional<Integer> exitCode) {

  /** The most evidence kept, in characters (the end is kept). */
  public static final int MAX_EVIDENCE = 2000;

  public CriterionVerdict {
    Objects.requireNonNull(criterion, "criterion");
    Objects.requireNonNull(verdict, "verdict");
    evidence = tail(evidence == null ? "" : evidence.strip(), MAX_EVIDENCE);
    exitCode = exitCode == null ? Optional.empty() : exitCode;
  }

  /** A verdict the agent gave, or one given for lack of an answer. */
  public static CriterionVerdict judged(Criterion criterion, Verdict verdict, String evidence) {
    return new CriterionVerdict(criterion, verdict, evidence, Optional.empty());
  }

  public boolean met() {
    return verdict == Verdict.MET;
  }

  static String tail(String text, int max) {
    return text.length() <= max ? text : "…" + text.substring(text.length() - max + 1);
  }
}
