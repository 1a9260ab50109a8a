package dev.delegate.core.task;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobState;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which tasks a list shows, newest first.
 *
 * @param state the state a list shows for a task: its job's state when it has a job, else the
 *     task's own ({@code SUBMITTED}, {@code FAILED}); one of {@link #STATES}
 * @param repo only tasks of this repository
 * @param titleContains only tasks whose title holds this text, ignoring case; {@code %} and {@code
 *     _} are plain characters
 * @param before only tasks after this cursor (older), the {@code next} of the previous page
 * @param limit at most this many tasks, from 1
 */
public record TaskQuery(
    Optional<String> state,
    Optional<RepoRef> repo,
    Optional<String> titleContains,
    Optional<TaskCursor> before,
    int limit) {

  /** Every state a task is listed with: the task's own, then a job's. */
  public static final Set<String> STATES =
      java.util.Collections.unmodifiableSet(
          new LinkedHashSet<>(
              Stream.concat(
                      Arrays.stream(TaskState.values()).map(Enum::name),
                      Arrays.stream(JobState.values()).map(Enum::name))
                  .toList()));

  public TaskQuery {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(titleContains, "titleContains");
    Objects.requireNonNull(before, "before");
    state.ifPresent(
        s -> {
          if (!STATES.contains(s)) {
            throw new IllegalArgumentException("unknown state '" + s + "', one of " + STATES);
          }
        });
    titleContains = titleContains.filter(t -> !t.isEmpty());
    if (limit < 1) {
      throw new IllegalArgumentException("limit is from 1, was " + limit);
    }
  }

  /** The newest {@code limit} tasks, unfiltered. */
  public static TaskQuery newest(int limit) {
    return new TaskQuery(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  public TaskQuery withState(String value) {
    return new TaskQuery(Optional.of(value), repo, titleContains, before, limit);
  }

  public TaskQuery withRepo(RepoRef value) {
    return new TaskQuery(state, Optional.of(value), titleContains, before, limit);
  }

  public TaskQuery withTitleContaining(String value) {
    return new TaskQuery(state, repo, Optional.of(value), before, limit);
  }

  public TaskQuery before(TaskCursor value) {
    return new TaskQuery(state, repo, titleContains, Optional.of(value), limit);
  }
}
