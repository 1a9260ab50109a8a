package dev.delegate.core.task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a task list, newest first.
 *
 * @param next where the next (older) page starts; empty when this page is the last
 */
public record TaskPage(List<StoredTask> tasks, Optional<TaskCursor> next) {
  public TaskPage {
    tasks = List.copyOf(tasks);
    Objects.requireNonNull(next, "next");
  }
}
