package dev.delegate.core.criteria;

import java.util.List;

/**
 * A job's acceptance criteria and, once its agent's work was checked, their verdicts.
 *
 * @param criteria in the task's order
 * @param verdicts one per criterion, in the same order; empty until the work was checked
 */
public record JobCriteria(List<Criterion> criteria, List<CriterionVerdict> verdicts) {
  public static final JobCriteria NONE = new JobCriteria(List.of(), List.of());

  public JobCriteria {
    criteria = List.copyOf(criteria);
    verdicts = List.copyOf(verdicts);
  }

  public boolean checked() {
    return !verdicts.isEmpty();
  }
}
