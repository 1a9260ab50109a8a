package dev.delegate.core.task;

import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.job.ObservableJobStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TaskStore} whose {@link #delegate} (which enqueues the task's job in its own
 * transaction) is announced to the listeners of an {@link ObservableJobStore} like any other
 * enqueue.
 */
public final class AnnouncingTaskStore implements TaskStore {
  private final TaskStore store;
  private final ObservableJobStore jobs;

  public AnnouncingTaskStore(TaskStore store, ObservableJobStore jobs) {
    this.store = store;
    this.jobs = jobs;
  }

  @Override
  public void create(StoredTask task) {
    store.create(task);
  }

  @Override
  public Optional<Delegated> delegate(String taskId, PullRequest pr, NewJob job, Instant now) {
    Optional<Delegated> delegated = store.delegate(taskId, pr, job, now);
    delegated
        .filter(d -> d.enqueued().created())
        .ifPresent(d -> jobs.announce(d.enqueued().job().id(), JobState.QUEUED, now));
    return delegated;
  }

  @Override
  public boolean fail(String taskId, String failure, Instant now) {
    return store.fail(taskId, failure, now);
  }

  @Override
  public boolean followJob(String previousJobId, String nextJobId, Instant now) {
    return store.followJob(previousJobId, nextJobId, now);
  }

  @Override
  public List<StoredTask> claimUnfinished(Instant before, Instant now, int limit) {
    return store.claimUnfinished(before, now, limit);
  }

  @Override
  public Optional<StoredTask> find(String id) {
    return store.find(id);
  }

  @Override
  public List<StoredTask> recent(int limit) {
    return store.recent(limit);
  }

  @Override
  public TaskPage page(TaskQuery query) {
    return store.page(query);
  }
}
