package dev.delegate.testkit.store;

import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.criteria.CriterionVerdict;
import dev.delegate.core.criteria.JobCriteria;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.JobHistory;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link JobStore} in memory, for tests of the logic above the store: the same rules as the JDBC
 * store (the store contract in {@code dev.delegate.testkit.contract} runs on both), one lock for
 * everything, nothing durable. Times are kept to the millisecond, as the database keeps them.
 */
public final class InMemoryJobStore implements JobStore {
  /** Lease given on a move into a leased state when the job never had one. */
  private static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  /** A job with what the record does not show: its insertion order, lease length, kept answer. */
  private static final class Row {
    final long seq;
    Job job;
    Duration lease;
    String pendingInput;
    JobCriteria criteria = JobCriteria.NONE;

    Row(long seq, Job job) {
      this.seq = seq;
      this.job = job;
    }
  }

  private record PullRequestKey(RepoRef repo, int prNumber) {}

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Map<PullRequestKey, String> active = new HashMap<>();
  private final List<JobEvent> events = new ArrayList<>();
  private long nextSeq = 1;
  private long nextEvent = 1;

  @Override
  public synchronized Enqueued enqueue(NewJob job, Instant now) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(now, "now");
    String activeId = active.get(new PullRequestKey(job.repo(), job.prNumber()));
    if (activeId != null) {
      return new Enqueued(rows.get(activeId).job, false);
    }
    Row same = rows.get(job.id());
    if (same != null) {
      if (!same.job.repo().equals(job.repo()) || same.job.prNumber() != job.prNumber()) {
        throw new PermanentException("job id " + job.id() + " is already used by another job");
      }
      return new Enqueued(same.job, false);
    }
    Instant at = millis(now);
    Job created =
        new Job(
            job.id(),
            job.repo(),
            job.prNumber(),
            job.branch(),
            job.taskDetails(),
            JobState.QUEUED,
            0,
            at,
            at,
            at,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Usage.NONE,
            job.budget(),
            job.kind());
    Row row = new Row(nextSeq++, created);
    row.criteria = new JobCriteria(job.criteria(), List.of());
    rows.put(job.id(), row);
    active.put(new PullRequestKey(job.repo(), job.prNumber()), job.id());
    String what = "queued for " + job.repo() + "#" + job.prNumber() + " on " + job.branch();
    event(job.id(), at, null, JobState.QUEUED, what);
    return new Enqueued(created, true);
  }

  @Override
  public synchronized JobCriteria criteria(String jobId) {
    Row row = rows.get(jobId);
    return row == null ? JobCriteria.NONE : row.criteria;
  }

  @Override
  public synchronized boolean recordVerdicts(String jobId, List<CriterionVerdict> verdicts) {
    Row row = rows.get(jobId);
    if (row == null || verdicts.isEmpty() || row.criteria.criteria().size() != verdicts.size()) {
      return false;
    }
    row.criteria = new JobCriteria(row.criteria.criteria(), verdicts);
    return true;
  }

  @Override
  public synchronized boolean addUsage(String jobId, Usage usage) {
    Objects.requireNonNull(usage, "usage");
    Row row = rows.get(jobId);
    if (row == null) {
      return false;
    }
    Builder changed =
        new Builder(row.job, row.job.state(), row.job.attempts(), row.job.updatedAt());
    changed.usage = row.job.usage().plus(usage);
    row.job = changed.build();
    return true;
  }

  @Override
  public synchronized Optional<Job> find(String id) {
    return Optional.ofNullable(rows.get(id)).map(r -> r.job);
  }

  @Override
  public synchronized Optional<Job> findByPullRequest(RepoRef repo, int prNumber) {
    return newestFirst()
        .filter(r -> r.job.repo().equals(repo) && r.job.prNumber() == prNumber)
        .map(r -> r.job)
        .findFirst();
  }

  @Override
  public synchronized List<Job> recent(int limit) {
    return newestFirst().limit(Math.max(0, limit)).map(r -> r.job).toList();
  }

  @Override
  public synchronized Optional<Job> claim(String owner, String agent, Duration lease, Instant now) {
    Objects.requireNonNull(owner, "owner");
    Optional<Row> due =
        rows.values().stream()
            .filter(r -> r.job.state() == JobState.QUEUED && !r.job.notBefore().isAfter(now))
            .min(
                Comparator.comparing((Row r) -> r.job.notBefore())
                    .thenComparing(r -> r.job.createdAt())
                    .thenComparingLong(r -> r.seq));
    if (due.isEmpty()) {
      return Optional.empty();
    }
    Row row = due.get();
    Job job = row.job;
    row.lease = lease;
    row.job =
        copy(job, JobState.PREPARING, job.attempts() + 1, now)
            .failure(Optional.empty())
            .lease(Optional.of(owner), Optional.of(millis(now.plus(lease))))
            .ranOn(owner)
            .agent(agent)
            .build();
    String what = "claimed by " + owner + " (attempt " + row.job.attempts() + ")";
    event(job.id(), now, JobState.QUEUED, JobState.PREPARING, what);
    return Optional.of(row.job);
  }

  @Override
  public synchronized boolean renewLease(String jobId, String owner, Duration lease, Instant now) {
    Row row = rows.get(jobId);
    if (row == null || !heldBy(row.job, owner)) {
      return false;
    }
    row.lease = lease;
    row.job =
        copy(row.job, row.job.state(), row.job.attempts(), row.job.updatedAt())
            .lease(row.job.leaseOwner(), Optional.of(millis(now.plus(lease))))
            .build();
    return true;
  }

  @Override
  public synchronized boolean transition(
      String jobId, String owner, JobState to, String message, JobChange change, Instant now) {
    Objects.requireNonNull(to, "to");
    Row row = rows.get(jobId);
    if (row == null) {
      return false;
    }
    Job job = row.job;
    JobState from = job.state();
    if (!from.canMoveTo(to)
        || (from.isLeased() && !heldBy(job, owner))
        || (job.cancelRequest().isPresent() && to != JobState.CANCELLED)
        || (from == JobState.QUEUED && to.isLeased())
        || (!from.isLeased() && to.isLeased() && owner == null)) {
      return false;
    }
    PullRequestKey key = new PullRequestKey(job.repo(), job.prNumber());
    if (!from.isActive() && to.isActive() && active.containsKey(key)) {
      return false; // another job for the pull request is active
    }
    Builder next =
        copy(job, to, job.attempts(), now).failure(change.failure()).question(change.question());
    if (!to.isLeased()) {
      next.lease(Optional.empty(), Optional.empty());
    } else if (!from.isLeased()) {
      Duration lease = row.lease == null ? DEFAULT_LEASE : row.lease;
      next.lease(Optional.of(owner), Optional.of(millis(now.plus(lease))));
    }
    change.commitSha().ifPresent(v -> next.commitSha = Optional.of(v));
    change.transcript().ifPresent(v -> next.transcript = Optional.of(v));
    change.notBefore().ifPresent(v -> next.notBefore = millis(v));
    if (from == JobState.NEEDS_INPUT) {
      row.pendingInput = null; // an answer not taken belongs to that question only
    }
    row.job = next.build();
    if (from.isActive() && !to.isActive()) {
      active.remove(key);
    } else if (!from.isActive() && to.isActive()) {
      active.put(key, jobId);
    }
    event(jobId, now, from, to, message);
    return true;
  }

  @Override
  public synchronized boolean giveBack(String jobId, String owner, String message, Instant now) {
    Objects.requireNonNull(owner, "owner");
    Row row = rows.get(jobId);
    if (row == null || !heldBy(row.job, owner) || row.job.cancelRequest().isPresent()) {
      return false;
    }
    takeFromOwner(row, JobState.QUEUED, null, Math.max(0, row.job.attempts() - 1), message, now);
    row.job = copy(row.job, JobState.QUEUED, row.job.attempts(), now).notBefore(now).build();
    return true;
  }

  @Override
  public synchronized Map<String, JobState> takeBackExpired(Instant now, int maxAttempts) {
    Map<String, JobState> taken = new LinkedHashMap<>();
    for (Row row : List.copyOf(rows.values())) {
      Job job = row.job;
      boolean expired =
          job.state().isLeased() && job.leaseExpiresAt().map(at -> !at.isAfter(now)).orElse(false);
      if (!expired) {
        continue;
      }
      String node = job.leaseOwner().orElse("unknown");
      if (job.cancelRequest().isPresent()) {
        String reason =
            job.cancelRequest().get()
                + " (the node holding the job, "
                + node
                + ", had stopped answering)";
        takeFromOwner(row, JobState.CANCELLED, reason, job.attempts(), reason, now);
        taken.put(job.id(), JobState.CANCELLED);
      } else if (job.attempts() >= maxAttempts) {
        String reason =
            "gave up after "
                + job.attempts()
                + " attempt(s); the last node holding it ("
                + node
                + ") stopped answering";
        takeFromOwner(row, JobState.FAILED, reason, job.attempts(), reason, now);
        taken.put(job.id(), JobState.FAILED);
      } else {
        String reason = "lease expired (node " + node + " stopped?)";
        takeFromOwner(row, JobState.QUEUED, reason, job.attempts(), reason, now);
        taken.put(job.id(), JobState.QUEUED);
      }
    }
    return taken;
  }

  @Override
  public synchronized Cancel cancel(String jobId, String reason, Instant now) {
    Objects.requireNonNull(reason, "reason");
    Row row = rows.get(jobId);
    if (row == null) {
      return Cancel.UNKNOWN;
    }
    Job job = row.job;
    if (job.state() == JobState.QUEUED) {
      takeFromOwner(row, JobState.CANCELLED, reason, job.attempts(), reason, now);
      return Cancel.CANCELLED;
    }
    if (job.state() == JobState.COMMITTING) {
      return Cancel.COMMITTING;
    }
    if (!job.state().isLeased()) {
      return Cancel.ENDED;
    }
    if (job.cancelRequest().isEmpty()) {
      Builder next = copy(job, job.state(), job.attempts(), job.updatedAt());
      next.cancelRequest = Optional.of(reason);
      row.job = next.build();
      event(jobId, now, job.state(), job.state(), "cancel requested: " + reason);
    }
    return Cancel.REQUESTED;
  }

  @Override
  public synchronized List<String> cancelRequested(String owner) {
    return rows.values().stream()
        .map(r -> r.job)
        .filter(j -> j.cancelRequest().isPresent() && heldBy(j, owner))
        .sorted(Comparator.comparing(Job::updatedAt))
        .map(Job::id)
        .toList();
  }

  @Override
  public synchronized boolean provideInput(String jobId, String text, Instant now) {
    Objects.requireNonNull(text, "text");
    Row row = rows.get(jobId);
    if (row == null || row.job.state() != JobState.NEEDS_INPUT || row.pendingInput != null) {
      return false;
    }
    row.pendingInput = text;
    row.job = copy(row.job, JobState.NEEDS_INPUT, row.job.attempts(), now).build();
    event(jobId, now, JobState.NEEDS_INPUT, JobState.NEEDS_INPUT, "answer received: " + text);
    return true;
  }

  @Override
  public synchronized Optional<String> pendingInput(String jobId, String owner) {
    Row row = rows.get(jobId);
    if (row == null
        || row.job.state() != JobState.NEEDS_INPUT
        || !row.job.leaseOwner().equals(Optional.ofNullable(owner))) {
      return Optional.empty();
    }
    return Optional.ofNullable(row.pendingInput);
  }

  @Override
  public synchronized boolean note(String jobId, String message, Instant now) {
    Row row = rows.get(jobId);
    if (row == null) {
      return false;
    }
    event(jobId, now, row.job.state(), row.job.state(), message);
    return true;
  }

  @Override
  public synchronized List<JobEvent> events(String jobId) {
    return events.stream().filter(e -> e.jobId().equals(jobId)).toList();
  }

  /** Every job's events at or after {@code from}, in the order they were recorded. */
  synchronized List<JobEvent> eventsSince(Instant from) {
    return events.stream().filter(e -> !e.at().isBefore(from)).toList();
  }

  @Override
  public synchronized List<JobEvent> eventsAfter(long afterSequence, int limit) {
    return events.stream().filter(e -> e.sequence() > afterSequence).limit(limit).toList();
  }

  @Override
  public synchronized List<Job> heldSince(Instant before, int limit) {
    return rows.values().stream()
        .map(r -> r.job)
        .filter(j -> j.state().isLeased() && j.updatedAt().isBefore(before))
        .sorted(java.util.Comparator.comparing(Job::updatedAt))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized long lastEventSequence() {
    return events.isEmpty() ? 0 : events.getLast().sequence();
  }

  @Override
  public synchronized JobHistory history(Instant since) {
    List<JobHistory.Entry> window = new ArrayList<>();
    Map<String, JobState> unchanged = new HashMap<>();
    java.util.Set<String> moved = new java.util.HashSet<>();
    for (JobEvent e : events) {
      if (!e.at().isBefore(since)) {
        window.add(JobHistory.Entry.of(e, rows.get(e.jobId()).job.createdAt()));
        moved.add(e.jobId());
      }
    }
    for (Row row : rows.values()) {
      if (row.job.state().isActive() && !moved.contains(row.job.id())) {
        unchanged.put(row.job.id(), row.job.state());
      }
    }
    return new JobHistory(window, unchanged);
  }

  private java.util.stream.Stream<Row> newestFirst() {
    return rows.values().stream()
        .sorted(
            Comparator.comparing((Row r) -> r.job.createdAt())
                .thenComparingLong(r -> r.seq)
                .reversed());
  }

  private static boolean heldBy(Job job, String owner) {
    return job.state().isLeased() && owner != null && job.leaseOwner().equals(Optional.of(owner));
  }

  /**
   * Moves a job to {@code to} without its owner: lease, kept answer and question cleared, {@code
   * failure} set (null clears it), an event written; no longer the active job once final.
   */
  private void takeFromOwner(
      Row row, JobState to, String failure, int attempts, String message, Instant now) {
    Job job = row.job;
    row.pendingInput = null;
    row.job =
        copy(job, to, attempts, now)
            .lease(Optional.empty(), Optional.empty())
            .question(Optional.empty())
            .failure(Optional.ofNullable(failure))
            .build();
    if (!to.isActive()) {
      active.remove(new PullRequestKey(job.repo(), job.prNumber()));
    }
    event(job.id(), now, job.state(), to, message);
  }

  private void event(String jobId, Instant at, JobState from, JobState to, String message) {
    events.add(
        new JobEvent(
            nextEvent++,
            jobId,
            millis(at),
            Optional.ofNullable(from),
            to,
            message == null ? "" : message));
  }

  private static Instant millis(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  private static Builder copy(Job job, JobState state, int attempts, Instant updatedAt) {
    return new Builder(job, state, attempts, millis(updatedAt));
  }

  /** The fields of a job being changed. */
  private static final class Builder {
    private final Job job;
    private final JobState state;
    private final int attempts;
    private final Instant updatedAt;
    Instant notBefore;
    Optional<String> leaseOwner;
    Optional<Instant> leaseExpiresAt;
    Optional<String> commitSha;
    Optional<String> failure;
    Optional<String> question;
    Optional<String> transcript;
    Optional<String> cancelRequest;
    Optional<String> ranOn;
    Optional<String> agent;
    Usage usage;

    Builder(Job job, JobState state, int attempts, Instant updatedAt) {
      this.job = job;
      this.state = state;
      this.attempts = attempts;
      this.updatedAt = updatedAt;
      this.notBefore = job.notBefore();
      this.leaseOwner = job.leaseOwner();
      this.leaseExpiresAt = job.leaseExpiresAt();
      this.commitSha = job.commitSha();
      this.failure = job.failure();
      this.question = job.question();
      this.transcript = job.transcript();
      this.cancelRequest = job.cancelRequest();
      this.ranOn = job.ranOn();
      this.agent = job.agent();
      this.usage = job.usage();
    }

    Builder agent(String name) {
      this.agent = name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
      return this;
    }

    Builder ranOn(String node) {
      this.ranOn = Optional.of(node);
      return this;
    }

    Builder lease(Optional<String> owner, Optional<Instant> expires) {
      this.leaseOwner = owner;
      this.leaseExpiresAt = expires;
      return this;
    }

    Builder failure(Optional<String> value) {
      this.failure = value;
      return this;
    }

    Builder question(Optional<String> value) {
      this.question = value;
      return this;
    }

    Builder notBefore(Instant value) {
      this.notBefore = millis(value);
      return this;
    }

    Job build() {
      return new Job(
          job.id(),
          job.repo(),
          job.prNumber(),
          job.branch(),
          job.taskDetails(),
          state,
          attempts,
          job.createdAt(),
          updatedAt,
          notBefore,
          leaseOwner,
          leaseExpiresAt,
          commitSha,
          failure,
          question,
          transcript,
          cancelRequest,
          ranOn,
          agent,
          usage,
          job.budget(),
          job.kind());
    }
  }
}
