package dev.delegate.core.task;

import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable tasks. Every method commits before it returns. A delegation records its task first
 * ({@link #create}, {@code SUBMITTED}), then works on the forge, then either {@link #delegate}s it
 * (pull request recorded and job enqueued in one transaction) or {@link #fail}s it, so a request
 * that was accepted is never lost and a failure half-way stays visible.
 */
public interface TaskStore {

  /** Stores a new task; its state must be {@code SUBMITTED}. */
  void create(StoredTask task);

  /**
   * In one transaction: records the pull request on a {@code SUBMITTED} task, moves it to {@code
   * DELEGATED} and enqueues {@code job} as {@link JobStore#enqueue} does. Returns the updated task
   * and what the enqueue did; empty when the task is missing or no longer {@code SUBMITTED}.
   */
  Optional<Delegated> delegate(String taskId, PullRequest pr, NewJob job, Instant now);

  /** Moves a {@code SUBMITTED} task to {@code FAILED} with the reason; false when it was not. */
  boolean fail(String taskId, String failure, Instant now);

  /**
   * Points the task whose job is {@code previousJobId} at {@code nextJobId} (a retry on the same
   * pull request); false when no task has that job.
   */
  boolean followJob(String previousJobId, String nextJobId, Instant now);

  /**
   * Takes up to {@code limit} delegations left half-made: tasks still {@code SUBMITTED} whose last
   * change is older than {@code before} (their node died, or was killed, in the middle). Each is
   * touched ({@code now}) in the same statement that finds it, so of several nodes sweeping at once
   * exactly one takes a task, and no node takes it again before another {@code before} period.
   */
  List<StoredTask> claimUnfinished(Instant before, Instant now, int limit);

  Optional<StoredTask> find(String id);

  /** Tasks, newest first. */
  List<StoredTask> recent(int limit);

  /**
   * One page of the tasks {@code query} asks for, newest first by {@code (createdAt, id)}; its
   * {@code next} is the cursor of its last task when older tasks may follow. Paging with {@link
   * TaskQuery#before} never skips or repeats a task, whatever is created meanwhile.
   */
  TaskPage page(TaskQuery query);

  /** What {@link #delegate} did. */
  record Delegated(StoredTask task, JobStore.Enqueued enqueued) {}
}
