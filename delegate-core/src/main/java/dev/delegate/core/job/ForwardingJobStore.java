package dev.delegate.core.job;

import dev.delegate.core.agent.Usage;
import dev.delegate.core.criteria.CriterionVerdict;
import dev.delegate.core.criteria.JobCriteria;
import dev.delegate.core.forge.RepoRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link JobStore} that hands every call to another one: the base of the decorators that watch or
 * time a store, which override only what they add to. A method added to {@link JobStore} is
 * forwarded here once for all of them.
 */
public abstract class ForwardingJobStore implements JobStore {
  /** The store every call goes to. */
  protected final JobStore store;

  protected ForwardingJobStore(JobStore store) {
    this.store = store;
  }

  @Override
  public Enqueued enqueue(NewJob job, Instant now) {
    return store.enqueue(job, now);
  }

  @Override
  public Optional<Job> find(String id) {
    return store.find(id);
  }

  @Override
  public Optional<Job> findByPullRequest(RepoRef repo, int prNumber) {
    return store.findByPullRequest(repo, prNumber);
  }

  @Override
  public List<Job> recent(int limit) {
    return store.recent(limit);
  }

  @Override
  public Optional<Job> claim(String owner, String agent, Duration lease, Instant now) {
    return store.claim(owner, agent, lease, now);
  }

  @Override
  public boolean renewLease(String jobId, String owner, Duration lease, Instant now) {
    return store.renewLease(jobId, owner, lease, now);
  }

  @Override
  public boolean transition(
      String jobId, String owner, JobState to, String message, JobChange change, Instant now) {
    return store.transition(jobId, owner, to, message, change, now);
  }

  @Override
  public boolean giveBack(String jobId, String owner, String message, Instant now) {
    return store.giveBack(jobId, owner, message, now);
  }

  @Override
  public Map<String, JobState> takeBackExpired(Instant now, int maxAttempts) {
    return store.takeBackExpired(now, maxAttempts);
  }

  @Override
  public Cancel cancel(String jobId, String reason, Instant now) {
    return store.cancel(jobId, reason, now);
  }

  @Override
  public List<String> cancelRequested(String owner) {
    return store.cancelRequested(owner);
  }

  @Override
  public boolean provideInput(String jobId, String text, Instant now) {
    return store.provideInput(jobId, text, now);
  }

  @Override
  public Optional<String> pendingInput(String jobId, String owner) {
    return store.pendingInput(jobId, owner);
  }

  @Override
  public boolean note(String jobId, String message, Instant now) {
    return store.note(jobId, message, now);
  }

  @Override
  public boolean addUsage(String jobId, Usage usage) {
    return store.addUsage(jobId, usage);
  }

  @Override
  public JobCriteria criteria(String jobId) {
    return store.criteria(jobId);
  }

  @Override
  public boolean recordVerdicts(String jobId, List<CriterionVerdict> verdicts) {
    return store.recordVerdicts(jobId, verdicts);
  }

  @Override
  public List<JobEvent> events(String jobId) {
    return store.events(jobId);
  }

  @Override
  public List<JobEvent> eventsAfter(long afterSequence, int limit) {
    return store.eventsAfter(afterSequence, limit);
  }

  @Override
  public long lastEventSequence() {
    return store.lastEventSequence();
  }

  @Override
  public List<Job> heldSince(Instant before, int limit) {
    return store.heldSince(before, limit);
  }

  @Override
  public JobHistory history(Instant since) {
    return store.history(since);
  }

  @Override
  public ActiveJobs active(Instant now) {
    return store.active(now);
  }
}
