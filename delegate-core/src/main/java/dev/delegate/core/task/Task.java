package dev.delegate.core.task;

import java.util.List;
import java.util.Objects;

/**
 * What a person asked for.
 *
 * @param constraints may be empty
 * @param acceptanceCriteria may be empty; each entry is one criterion
 */
public record Task(
    String title, String objective, String constraints, List<String> acceptanceCriteria) {

  public Task {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(objective, "objective");
    constraints = constraints == null ? "" : constraints.strip();
    acceptanceCriteria =
        acceptanceCriteria == null
            ? List.of()
            : acceptanceCriteria.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    title = title.strip();
    objective = objective.strip();
  }
}
