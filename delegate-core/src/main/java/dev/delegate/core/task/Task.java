package dev.delegate.core.task;

import dev.delegate.core.criteria.Criterion;
import java.util.List;
import java.util.Objects;

/**
 * What a person asked for.
 *
 * @param constraints may be empty
 * @param criteria the acceptance criteria, in order; may be empty
 */
public record Task(String title, String objective, String constraints, List<Criterion> criteria) {

  public Task {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(objective, "objective");
    constraints = constraints == null ? "" : constraints.strip();
    criteria = criteria == null ? List.of() : List.copyOf(criteria);
    title = title.strip();
    objective = objective.strip();
  }

  /** A task whose criteria have no check commands; blank ones are left out. */
  public static Task of(
      String title, String objective, String constraints, List<String> acceptanceCriteria) {
    return new Task(
        title,
        objective,
        constraints,
        acceptanceCriteria == null
            ? List.of()
            : acceptanceCriteria.stream().filter(s -> !s.isBlank()).map(Criterion::of).toList());
  }

  /** The criteria's texts, in order. */
  public List<String> acceptanceCriteria() {
    return criteria.stream().map(Criterion::text).toList();
  }
}
