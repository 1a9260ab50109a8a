package dev.delegate.testkit.store;

import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.TaskCursor;
import dev.delegate.core.task.TaskPage;
import dev.delegate.core.task.TaskQuery;
import dev.delegate.core.task.TaskState;
import dev.delegate.core.task.TaskStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TaskStore} in memory beside a {@link JobStore} (its {@link #delegate} enqueues there),
 * for tests and demos. One lock makes each method atomic; instants keep milliseconds, as the
 * database stores do.
 */
public final class InMemoryTaskStore implements TaskStore {
  private static final Comparator<Row> NEWEST_FIRST =
      Comparator.comparing((Row r) -> r.task.createdAt())
          .thenComparing(r -> r.task.id())
          .reversed();

  /** A task with what the record does not show: its insertion order and last change. */
  private static final class Row {
    final long seq;
    StoredTask task;
    Instant updatedAt;

    Row(long seq, StoredTask task, Instant updatedAt) {
      this.seq = seq;
      this.task = task;
      this.updatedAt = updatedAt;
    }
  }

  private final JobStore jobs;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private long nextSeq = 1;

  public InMemoryTaskStore(JobStore jobs) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
  }

  private static Instant millis(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public synchronized void create(StoredTask task) {
    Objects.requireNonNull(task, "task");
    if (task.state() != TaskState.SUBMITTED) {
      throw new IllegalArgumentException("a new task is SUBMITTED, was " + task.state());
    }
    if (rows.containsKey(task.id())) {
      throw new IllegalArgumentException("task id " + task.id() + " is taken");
    }
    StoredTask stored =
        with(
            task,
            task.prNumber(),
            task.prUrl(),
            task.jobId(),
            task.state(),
            millis(task.createdAt()),
            task.failure());
    rows.put(task.id(), new Row(nextSeq++, stored, stored.createdAt()));
  }

  private static StoredTask with(
      StoredTask t,
      Optional<Integer> pr,
      Optional<String> url,
      Optional<String> jobId,
      TaskState state,
      Instant createdAt,
      Optional<String> failure) {
    return new StoredTask(
        t.id(),
        t.task(),
        t.repo(),
        t.baseBranch(),
        t.branch(),
        pr,
        url,
        jobId,
        state,
        createdAt,
        failure,
        t.budget());
  }

  @Override
  public synchronized Optional<Delegated> delegate(
      String taskId, PullRequest pr, NewJob job, Instant now) {
    Row row = rows.get(taskId);
    if (row == null || row.task.state() != TaskState.SUBMITTED) {
      return Optional.empty();
    }
    JobStore.Enqueued enqueued = jobs.enqueue(job, now); // throws before the task changes
    row.task =
        with(
            row.task,
            Optional.of(pr.number()),
            Optional.of(pr.url()),
            Optional.of(enqueued.job().id()),
            TaskState.DELEGATED,
            row.task.createdAt(),
            row.task.failure());
    row.updatedAt = millis(now);
    return Optional.of(new Delegated(row.task, enqueued));
  }

  @Override
  public synchronized boolean fail(String taskId, String failure, Instant now) {
    Row row = rows.get(taskId);
    if (row == null || row.task.state() != TaskState.SUBMITTED) {
      return false;
    }
    StoredTask t = row.task;
    row.task =
        with(
            t,
            t.prNumber(),
            t.prUrl(),
            t.jobId(),
            TaskState.FAILED,
            t.createdAt(),
            Optional.of(failure == null ? "" : failure));
    row.updatedAt = millis(now);
    return true;
  }

  @Override
  public synchronized boolean followJob(String previousJobId, String nextJobId, Instant now) {
    boolean any = false;
    for (Row row : rows.values()) {
      if (row.task.jobId().filter(previousJobId::equals).isPresent()) {
        row.task =
            with(
                row.task,
                row.task.prNumber(),
                row.task.prUrl(),
                Optional.of(nextJobId),
                row.task.state(),
                row.task.createdAt(),
                row.task.failure());
        row.updatedAt = millis(now);
        any = true;
      }
    }
    return any;
  }

  @Override
  public synchronized List<StoredTask> claimUnfinished(Instant before, Instant now, int limit) {
    List<Row> due =
        rows.values().stream()
            .filter(r -> r.task.state() == TaskState.SUBMITTED && r.updatedAt.isBefore(before))
            .sorted(Comparator.comparing((Row r) -> r.updatedAt))
            .limit(Math.max(0, limit))
            .toList();
    due.forEach(r -> r.updatedAt = millis(now));
    return due.stream().map(r -> r.task).toList();
  }

  @Override
  public synchronized Optional<StoredTask> find(String id) {
    return Optional.ofNullable(rows.get(id)).map(r -> r.task);
  }

  @Override
  public synchronized List<StoredTask> recent(int limit) {
    return rows.values().stream()
        .sorted(
            Comparator.comparing((Row r) -> r.task.createdAt())
                .thenComparingLong(r -> r.seq)
                .reversed())
        .limit(Math.max(0, limit))
        .map(r -> r.task)
        .toList();
  }

  @Override
  public synchronized TaskPage page(TaskQuery query) {
    List<StoredTask> found =
        rows.values().stream()
            .sorted(NEWEST_FIRST)
            .map(r -> r.task)
            .filter(t -> matches(query, t))
            .limit(query.limit() + 1L)
            .toList();
    boolean more = found.size() > query.limit();
    List<StoredTask> shown = more ? found.subList(0, query.limit()) : found;
    return new TaskPage(
        shown, more ? Optional.of(TaskCursor.after(shown.getLast())) : Optional.empty());
  }

  private boolean matches(TaskQuery query, StoredTask task) {
    if (query.repo().filter(r -> !r.equals(task.repo())).isPresent()) {
      return false;
    }
    if (query
        .titleContains()
        .filter(
            q -> !task.task().title().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)))
        .isPresent()) {
      return false;
    }
    if (query.before().filter(c -> !isOlder(task, c)).isPresent()) {
      return false;
    }
    return query.state().map(s -> s.equals(shownState(task))).orElse(true);
  }

  private String shownState(StoredTask task) {
    return task.jobId()
        .flatMap(jobs::find)
        .map(Job::state)
        .map(Enum::name)
        .orElse(task.state().name());
  }

  private static boolean isOlder(StoredTask task, TaskCursor cursor) {
    int byTime = task.createdAt().compareTo(cursor.createdAt());
    return byTime < 0 || (byTime == 0 && task.id().compareTo(cursor.id()) < 0);
  }
}
