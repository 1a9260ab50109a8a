package dev.delegate.core.criteria;

import java.util.List;

/** How many of a job's criteria are met, said the same way everywhere. */
public final class CriteriaSummary {
  private CriteriaSummary() {}

  /** "2 of 3 acceptance criteria met" (or "1 of 1 acceptance criterion met"). */
  public static String of(List<CriterionVerdict> verdicts) {
    long met = verdicts.stream().filter(CriterionVerdict::met).count();
    return met
        + " of "
        + verdicts.size()
        + (verdicts.size() == 1 ? " acceptance criterion met" : " acceptance criteria met");
  }

  /** True when every verdict is {@link Verdict#MET} (also when there are none). */
  public static boolean allMet(List<CriterionVerdict> verdicts) {
    return verdicts.stream().allMatch(CriterionVerdict::met);
  }

  /** A checklist in Markdown: one line per criterion with its verdict and evidence. */
  public static String checklist(List<CriterionVerdict> verdicts) {
    StringBuilder text = new StringBuilder();
    for (CriterionVerdict v : verdicts) {
      text.append("- [")
          .append(v.met() ? 'x' : ' ')
          .append("] ")
          .append(v.criterion().text())
          .append(" — **")
          .append(v.verdict().label())
          .append("**");
      v.criterion().check().ifPresent(c -> text.append(" (`").append(c).append('`'));
      v.exitCode().ifPresent(code -> text.append(" exited ").append(code));
      if (v.criterion().check().isPresent()) {
        text.append(')');
      }
      String evidence = lastLine(v.evidence());
      if (!evidence.isEmpty()) {
        text.append(": ").append(evidence);
      }
      text.append('\n');
    }
    return text.toString();
  }

  /** The last non-blank line, at most 200 characters: what fits a checklist line. */
  static String lastLine(String evidence) {
    List<String> lines = evidence.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String last = lines.isEmpty() ? "" : lines.getLast();
    return last.length() > 200 ? last.substring(0, 199) + "…" : last;
  }
}
