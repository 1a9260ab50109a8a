package dev.delegate.testkit.store;

import dev.delegate.core.followup.FollowUpComment;
import dev.delegate.core.followup.FollowUpStore;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.TaskStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A {@link FollowUpStore} in memory beside a job and a task store (its {@link #start} enqueues and
 * moves the task there), one lock for everything it keeps.
 */
public final class InMemoryFollowUpStore implements FollowUpStore {
  private final JobStore jobs;
  private final TaskStore tasks;
  private final Map<String, Remark> remarks = new LinkedHashMap<>();
  private final Map<PullRequestKey, Counts> counts = new HashMap<>();

  private static final class Remark {
    final FollowUpComment comment;
    String state = "PENDING";

    Remark(FollowUpComment comment) {
      this.comment = comment;
    }
  }

  private static final class Counts {
    int followUps;
    boolean capNoted;
  }

  public InMemoryFollowUpStore(JobStore jobs, TaskStore tasks) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
  }

  @Override
  public synchronized boolean add(FollowUpComment comment) {
    if (remarks.containsKey(comment.key())) {
      return false;
    }
    remarks.put(comment.key(), new Remark(comment));
    counts.computeIfAbsent(key(comment), k -> new Counts());
    return true;
  }

  @Override
  public synchronized List<PullRequestKey> due(Instant quietSince, int limit) {
    Map<PullRequestKey, Instant> newest = new LinkedHashMap<>();
    for (Remark r : remarks.values()) {
      if (r.state.equals("PENDING")) {
        newest.merge(key(r.comment), r.comment.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return newest.entrySet().stream()
        .filter(e -> !e.getValue().isAfter(quietSince))
        .filter(
            e ->
                jobs.findByPullRequest(e.getKey().repo(), e.getKey().number())
                    .map(j -> j.state().isFinal())
                    .orElse(true))
        .sorted(Map.Entry.comparingByValue())
        .limit(Math.max(0, limit))
        .map(Map.Entry::getKey)
        .toList();
  }

  @Override
  public synchronized Outcome start(
      PullRequestKey pr,
      Instant quietSince,
      int maxFollowUps,
      BiFunction<Job, List<FollowUpComment>, NewJob> job,
      Instant now) {
    List<Remark> pending = pending(pr);
    if (pending.isEmpty() || pending.getLast().comment.receivedAt().isAfter(quietSince)) {
      return new Nothing();
    }
    Optional<Job> latest = jobs.findByPullRequest(pr.repo(), pr.number());
    if (latest.isEmpty()) {
      pending.forEach(r -> r.state = "SET_ASIDE");
      return new Nothing();
    }
    if (!latest.get().state().isFinal()) {
      return new Waiting(latest.get().id());
    }
    Counts count = counts.get(pr);
    if (count.followUps >= maxFollowUps) {
      pending.forEach(r -> r.state = "SET_ASIDE");
      boolean first = !count.capNoted;
      count.capNoted = true;
      return new CapReached(first);
    }
    List<FollowUpComment> comments = pending.stream().map(r -> r.comment).toList();
    JobStore.Enqueued enqueued = jobs.enqueue(job.apply(latest.get(), comments), now);
    if (!enqueued.created()) {
      return new Waiting(enqueued.job().id());
    }
    pending.forEach(r -> r.state = "USED");
    count.followUps++;
    tasks.followJob(latest.get().id(), enqueued.job().id(), now);
    return new Started(enqueued.job(), latest.get().id(), comments, count.followUps);
  }

  @Override
  public synchronized List<FollowUpComment> comments(RepoRef repo, int number) {
    return remarks.values().stream()
        .map(r -> r.comment)
        .filter(c -> key(c).equals(new PullRequestKey(repo, number)))
        .sorted(Comparator.comparing(FollowUpComment::receivedAt))
        .toList();
  }

  @Override
  public synchronized int followUps(RepoRef repo, int number) {
    Counts count = counts.get(new PullRequestKey(repo, number));
    return count == null ? 0 : count.followUps;
  }

  private List<Remark> pending(PullRequestKey pr) {
    List<Remark> pending = new ArrayList<>();
    for (Remark r : remarks.values()) {
      if (r.state.equals("PENDING") && key(r.comment).equals(pr)) {
        pending.add(r);
      }
    }
    pending.sort(Comparator.comparing(r -> r.comment.receivedAt()));
    return pending;
  }

  private static PullRequestKey key(FollowUpComment c) {
    return new PullRequestKey(c.repo(), c.prNumber());
  }
}
