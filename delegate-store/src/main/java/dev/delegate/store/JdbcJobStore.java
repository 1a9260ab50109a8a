package dev.delegate.store;

import static dev.delegate.store.JobRows.JOB_COLUMNS;
import static dev.delegate.store.JobRows.millis;

import dev.delegate.core.PermanentException;
import dev.delegate.core.TransientException;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.criteria.CriterionVerdict;
import dev.delegate.core.criteria.JobCriteria;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.ActiveJobs;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.JobHistory;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.store.Transactions.DuplicateKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link JobStore} on the {@code jobs}, {@code active_jobs} and {@code job_events} tables, in SQL
 * that H2 2.x and PostgreSQL both run, but for the claim (see {@link #claim}).
 *
 * <p>At most one active job per pull request: {@code active_jobs} holds a row, keyed by repository
 * and pull request, exactly while a job is active, written in the same transaction as the job. Of
 * two concurrent enqueues the second insert fails on that key, its transaction rolls back, and it
 * returns the winner's job. A claim reads the oldest due jobs, locks the first one nobody else
 * holds with {@code FOR UPDATE SKIP LOCKED}, and moves it with an update guarded by {@code state =
 * 'QUEUED'}, so two nodes never take the same job and neither waits for the other.
 *
 * <p>Who may move a job: while it is leased ({@code PREPARING}, {@code RUNNING}, {@code
 * COMMITTING}, {@code NEEDS_INPUT}) only the lease owner; while it is not ({@code QUEUED}, {@code
 * FAILED}, {@code TIMED_OUT}) anyone, and {@code owner} is ignored, except that a move into a
 * leased state makes {@code owner} the lease holder for the job's last lease duration. {@code
 * QUEUED → PREPARING} happens only through {@link #claim}. An answer to a job waiting for input is
 * kept in {@code jobs.pending_input} until the job leaves that state. Re-activating a job (a retry
 * out of {@code FAILED} or {@code TIMED_OUT}) fails while another job for the same pull request is
 * active.
 */
public final class JdbcJobStore implements JobStore {
  /** Lease given on a move into a leased state when the job never had one. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  private static final String LEASED = JobRows.states(JobState::isLeased);
  private static final int CLAIM_CANDIDATES = 16;
  private static final int CLAIM_ROUNDS = 3;

  private final Transactions tx;
  private final Dialect dialect;

  JdbcJobStore(Jdbi jdbi, Dialect dialect) {
    this.tx = new Transactions(jdbi);
    this.dialect = dialect;
  }

  @Override
  public Enqueued enqueue(NewJob job, Instant now) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(now, "now");
    for (int attempt = 1; attempt <= Transactions.MAX_TRIES; attempt++) {
      try {
        return tx.inTransaction(h -> enqueue(h, job, now));
      } catch (DuplicateKey lostRace) {
        // Another enqueue for the same pull request (or id) committed first: read it next time.
      }
    }
    throw new TransientException(
        "could not enqueue job " + job.id() + ": too many concurrent changes");
  }

  /** Enqueues inside the caller's transaction (see {@link JdbcTaskStore#delegate}). */
  static Enqueued enqueue(Handle h, NewJob job, Instant now) {
    Optional<Job> active = activeJob(h, job.repo(), job.prNumber());
    if (active.isPresent()) {
      return new Enqueued(active.get(), false);
    }
    Optional<Job> same = find(h, job.id());
    if (same.isPresent()) {
      if (!same.get().repo().equals(job.repo()) || same.get().prNumber() != job.prNumber()) {
        throw new PermanentException("job id " + job.id() + " is already used by another job");
      }
      return new Enqueued(same.get(), false);
    }
    Instant at = Instant.ofEpochMilli(millis(now));
    h.createUpdate(
            "INSERT INTO jobs (id, repo_owner, repo_name, pr_number, branch, task_details, state,"
                + " attempts, created_at, updated_at, not_before, max_cost_usd, max_credits, kind)"
                + " VALUES (:id, :owner, :name, :pr, :branch, :details, 'QUEUED', 0, :now, :now,"
                + " :now, :maxCost, :maxCredits, :kind)")
        .bind("id", job.id())
        .bind("owner", job.repo().owner())
        .bind("name", job.repo().name())
        .bind("pr", job.prNumber())
        .bind("branch", job.branch())
        .bind("details", job.taskDetails() == null ? "" : job.taskDetails())
        .bind("now", millis(at))
        .bindByType("maxCost", job.budget().maxCostUsd().orElse(null), BigDecimal.class)
        .bindByType("maxCredits", job.budget().maxCredits().orElse(null), BigDecimal.class)
        .bind("kind", job.kind().name())
        .execute();
    insertActive(h, job.id(), job.repo(), job.prNumber());
    JobCriteriaTable.insert(h, job.id(), job.criteria());
    String what = "queued for " + job.repo() + "#" + job.prNumber() + " on " + job.branch();
    insertEvent(h, job.id(), at, null, JobState.QUEUED, what);
    return new Enqueued(find(h, job.id()).orElseThrow(), true);
  }

  @Override
  public Optional<Job> find(String id) {
    return tx.withHandle(h -> find(h, id));
  }

  @Override
  public Optional<Job> findByPullRequest(RepoRef repo, int prNumber) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + JOB_COLUMNS
                        + " FROM jobs WHERE repo_owner = :owner AND repo_name = :name"
                        + " AND pr_number = :pr ORDER BY created_at DESC, seq DESC"
                        + " FETCH FIRST 1 ROWS ONLY")
                .bind("owner", repo.owner())
                .bind("name", repo.name())
                .bind("pr", prNumber)
                .map(JobRows.JOB)
                .findOne());
  }

  @Override
  public List<Job> recent(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + JOB_COLUMNS
                        + " FROM jobs ORDER BY created_at DESC, seq DESC"
                        + " FETCH FIRST :limit ROWS ONLY")
                .bind("limit", limit)
                .map(JobRows.JOB)
                .list());
  }

  @Override
  public ActiveJobs active(Instant now) {
    return tx.withHandle(h -> ActiveJobsQuery.read(h, now));
  }

  @Override
  public Optional<Job> claim(String owner, String agent, Duration lease, Instant now) {
    Objects.requireNonNull(owner, "owner");
    return tx.inTransaction(
        h ->
            dialect == Dialect.POSTGRESQL
                ? claimInOneStatement(h, owner, agent, lease, now)
                : claim(h, owner, agent, lease, now));
  }

  /**
   * PostgreSQL: the oldest due job nobody else holds, locked, moved and read back in one statement
   * ({@code FOR UPDATE SKIP LOCKED} applies the limit after skipping locked rows there).
   */
  private static Optional<Job> claimInOneStatement(
      Handle h, String owner, String agent, Duration lease, Instant now) {
    Optional<Job> claimed =
        h.createQuery(
                "UPDATE jobs SET state = 'PREPARING', attempts = attempts + 1, failure = NULL,"
                    + " lease_owner = :owner, ran_on = :owner, agent = :agent, lease_expires_at = :expires,"
                    + " lease_millis = :leaseMillis, updated_at = :now"
                    + " WHERE id = (SELECT id FROM jobs WHERE state = 'QUEUED'"
                    + " AND not_before <= :now ORDER BY not_before, created_at, seq"
                    + " FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED)"
                    + " RETURNING "
                    + JOB_COLUMNS)
            .bind("owner", owner)
            .bind("agent", agent == null || agent.isBlank() ? null : agent)
            .bind("expires", millis(now.plus(lease)))
            .bind("leaseMillis", lease.toMillis())
            .bind("now", millis(now))
            .map(JobRows.JOB)
            .findOne();
    claimed.ifPresent(
        job ->
            insertEvent(
                h,
                job.id(),
                now,
                JobState.QUEUED,
                JobState.PREPARING,
                "claimed by " + owner + " (attempt " + job.attempts() + ")"));
    return claimed;
  }

  /**
   * H2: reads the oldest due jobs without locking, then locks the first one no other transaction
   * holds. H2 applies the row limit before skipping locked rows, so the one statement PostgreSQL
   * runs would answer "none" whenever the oldest job is being claimed by someone else.
   */
  private static Optional<Job> claim(
      Handle h, String owner, String agent, Duration lease, Instant now) {
    for (int round = 0; round < CLAIM_ROUNDS; round++) {
      List<String> candidates =
          h.createQuery(
                  "SELECT id FROM jobs WHERE state = 'QUEUED' AND not_before <= :now"
                      + " ORDER BY not_before, created_at, seq FETCH FIRST :n ROWS ONLY")
              .bind("now", millis(now))
              .bind("n", CLAIM_CANDIDATES)
              .mapTo(String.class)
              .list();
      if (candidates.isEmpty()) {
        return Optional.empty();
      }
      for (String id : candidates) {
        Optional<Job> job = tryClaim(h, id, owner, agent, lease, now);
        if (job.isPresent()) {
          return job;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Job> tryClaim(
      Handle h, String id, String owner, String agent, Duration lease, Instant now) {
    boolean locked =
        h.createQuery("SELECT id FROM jobs WHERE id = :id FOR UPDATE SKIP LOCKED")
            .bind("id", id)
            .mapTo(String.class)
            .findOne()
            .isPresent();
    if (!locked) {
      return Optional.empty();
    }
    // The row is ours now; the guard re-reads its latest committed state.
    int taken =
        h.createUpdate(
                "UPDATE jobs SET state = 'PREPARING', attempts = attempts + 1, failure = NULL,"
                    + " lease_owner = :owner, ran_on = :owner, agent = :agent, lease_expires_at = :expires,"
                    + " lease_millis = :leaseMillis, updated_at = :now"
                    + " WHERE id = :id AND state = 'QUEUED' AND not_before <= :now")
            .bind("owner", owner)
            .bind("agent", agent == null || agent.isBlank() ? null : agent)
            .bind("expires", millis(now.plus(lease)))
            .bind("leaseMillis", lease.toMillis())
            .bind("now", millis(now))
            .bind("id", id)
            .execute();
    if (taken != 1) {
      return Optional.empty();
    }
    Job job = find(h, id).orElseThrow();
    String what = "claimed by " + owner + " (attempt " + job.attempts() + ")";
    insertEvent(h, id, now, JobState.QUEUED, JobState.PREPARING, what);
    return Optional.of(job);
  }

  @Override
  public boolean renewLease(String jobId, String owner, Duration lease, Instant now) {
    return tx.inTransaction(
        h -> {
          Optional<Job> job = lockAndRead(h, jobId);
          if (job.isEmpty()
              || !job.get().state().isLeased()
              || !job.get().leaseOwner().equals(Optional.ofNullable(owner))) {
            return false;
          }
          return h.createUpdate(
                      "UPDATE jobs SET lease_expires_at = :expires, lease_millis = :leaseMillis"
                          + " WHERE id = :id")
                  .bind("expires", millis(now.plus(lease)))
                  .bind("leaseMillis", lease.toMillis())
                  .bind("id", jobId)
                  .execute()
              == 1;
        });
  }

  @Override
  public boolean transition(
      String jobId, String owner, JobState to, String message, JobChange change, Instant now) {
    Objects.requireNonNull(to, "to");
    try {
      return tx.inTransaction(
          h ->
              lockAndRead(h, jobId)
                  .map(job -> JobTransition.apply(h, job, owner, to, message, change, now))
                  .orElse(false));
    } catch (DuplicateKey anotherJobIsActive) {
      return false;
    }
  }

  @Override
  public boolean giveBack(String jobId, String owner, String message, Instant now) {
    Objects.requireNonNull(owner, "owner");
    return tx.inTransaction(
        h ->
            lockAndRead(h, jobId)
                .filter(job -> job.state().isLeased())
                .filter(job -> job.leaseOwner().equals(Optional.of(owner)))
                .filter(job -> job.cancelRequest().isEmpty())
                .map(
                    job -> {
                      JobTransition.giveBack(h, job, message, now);
                      return true;
                    })
                .orElse(false));
  }

  @Override
  public Map<String, JobState> takeBackExpired(Instant now, int maxAttempts) {
    return tx.inTransaction(
        h -> {
          List<String> ids =
              h.createQuery(
                      "SELECT id FROM jobs WHERE state IN "
                          + LEASED
                          + " AND lease_expires_at <= :now FOR UPDATE SKIP LOCKED")
                  .bind("now", millis(now))
                  .mapTo(String.class)
                  .list();
          Map<String, JobState> taken = new LinkedHashMap<>();
          for (String id : ids) {
            Job job = find(h, id).orElseThrow();
            boolean expired =
                job.state().isLeased()
                    && job.leaseExpiresAt().map(at -> !at.isAfter(now)).orElse(false);
            if (!expired) {
              continue;
            }
            String node = job.leaseOwner().orElse("unknown");
            if (job.cancelRequest().isPresent()) {
              JobTransition.cancel(
                  h,
                  job,
                  job.cancelRequest().get()
                      + " (the node holding the job, "
                      + node
                      + ", had stopped answering)",
                  now);
              taken.put(id, JobState.CANCELLED);
            } else if (job.attempts() >= maxAttempts) {
              JobTransition.giveUp(
                  h,
                  job,
                  "gave up after "
                      + job.attempts()
                      + " attempt(s); the last node holding it ("
                      + node
                      + ") stopped answering",
                  now);
              taken.put(id, JobState.FAILED);
            } else {
              JobTransition.requeue(h, job, "lease expired (node " + node + " stopped?)", now);
              taken.put(id, JobState.QUEUED);
            }
          }
          return taken;
        });
  }

  @Override
  public Cancel cancel(String jobId, String reason, Instant now) {
    Objects.requireNonNull(reason, "reason");
    return tx.inTransaction(
        h -> {
          Optional<Job> found = lockAndRead(h, jobId);
          if (found.isEmpty()) {
            return Cancel.UNKNOWN;
          }
          Job job = found.get();
          if (job.state() == JobState.QUEUED) {
            JobTransition.cancel(h, job, reason, now);
            return Cancel.CANCELLED;
          }
          if (job.state() == JobState.COMMITTING) {
            return Cancel.COMMITTING;
          }
          if (!job.state().isLeased()) {
            return Cancel.ENDED;
          }
          if (job.cancelRequest().isEmpty()) {
            h.createUpdate("UPDATE jobs SET cancel_reason = :reason WHERE id = :id")
                .bind("reason", reason)
                .bind("id", jobId)
                .execute();
            insertEvent(h, jobId, now, job.state(), job.state(), "cancel requested: " + reason);
          }
          return Cancel.REQUESTED;
        });
  }

  @Override
  public List<String> cancelRequested(String owner) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM jobs WHERE cancel_reason IS NOT NULL"
                        + " AND lease_owner = :owner AND state IN "
                        + LEASED
                        + " ORDER BY updated_at")
                .bind("owner", owner)
                .mapTo(String.class)
                .list());
  }

  @Override
  public boolean provideInput(String jobId, String text, Instant now) {
    Objects.requireNonNull(text, "text");
    return tx.inTransaction(
        h -> {
          Optional<Job> job = lockAndRead(h, jobId);
          if (job.isEmpty() || job.get().state() != JobState.NEEDS_INPUT) {
            return false;
          }
          int kept =
              h.createUpdate(
                      "UPDATE jobs SET pending_input = :text, updated_at = :now"
                          + " WHERE id = :id AND state = 'NEEDS_INPUT' AND pending_input IS NULL")
                  .bind("text", text)
                  .bind("now", millis(now))
                  .bind("id", jobId)
                  .execute();
          if (kept == 1) {
            insertEvent(
                h,
                jobId,
                now,
                JobState.NEEDS_INPUT,
                JobState.NEEDS_INPUT,
                "answer received: " + text);
          }
          return kept == 1;
        });
  }

  @Override
  public Optional<String> pendingInput(String jobId, String owner) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT pending_input FROM jobs WHERE id = :id AND lease_owner = :owner"
                        + " AND state = 'NEEDS_INPUT' AND pending_input IS NOT NULL")
                .bind("id", jobId)
                .bind("owner", owner)
                .mapTo(String.class)
                .findOne());
  }

  @Override
  public boolean note(String jobId, String message, Instant now) {
    return tx.inTransaction(
        h -> {
          Optional<Job> job = find(h, jobId);
          job.ifPresent(j -> insertEvent(h, jobId, now, j.state(), j.state(), message));
          return job.isPresent();
        });
  }

  /**
   * One {@code UPDATE} that adds each reported part to its column ({@code COALESCE(x, 0) + ?}), so
   * the database serialises concurrent adds on the row and none is lost.
   */
  @Override
  public boolean addUsage(String jobId, Usage usage) {
    Objects.requireNonNull(usage, "usage");
    List<String> sets = new ArrayList<>();
    usage.inputTokens().ifPresent(n -> sets.add("input_tokens = COALESCE(input_tokens, 0) + :in"));
    usage
        .outputTokens()
        .ifPresent(n -> sets.add("output_tokens = COALESCE(output_tokens, 0) + :out"));
    usage.costUsd().ifPresent(c -> sets.add("cost_usd = COALESCE(cost_usd, 0) + :cost"));
    usage.credits().ifPresent(c -> sets.add("credits = COALESCE(credits, 0) + :credits"));
    if (sets.isEmpty()) {
      return find(jobId).isPresent();
    }
    return tx.inTransaction(
        h -> {
          Update update =
              h.createUpdate("UPDATE jobs SET " + String.join(", ", sets) + " WHERE id = :id")
                  .bind("id", jobId);
          usage.inputTokens().ifPresent(n -> update.bind("in", n));
          usage.outputTokens().ifPresent(n -> update.bind("out", n));
          usage.costUsd().ifPresent(c -> update.bind("cost", c));
          usage.credits().ifPresent(c -> update.bind("credits", c));
          return update.execute() == 1;
        });
  }

  @Override
  public JobCriteria criteria(String jobId) {
    return tx.withHandle(h -> JobCriteriaTable.read(h, jobId));
  }

  @Override
  public boolean recordVerdicts(String jobId, List<CriterionVerdict> verdicts) {
    return tx.inTransaction(h -> JobCriteriaTable.recordVerdicts(h, jobId, verdicts));
  }

  @Override
  public List<JobEvent> events(String jobId) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT seq, job_id, occurred_at, from_state, to_state, message"
                        + " FROM job_events WHERE job_id = :id ORDER BY seq")
                .bind("id", jobId)
                .map(JobRows.EVENT)
                .list());
  }

  @Override
  public List<JobEvent> eventsAfter(long afterSequence, int limit) {
    return tx.withHandle(h -> JobLogQueries.eventsAfter(h, afterSequence, limit));
  }

  @Override
  public long lastEventSequence() {
    return tx.withHandle(JobLogQueries::lastEventSequence);
  }

  @Override
  public List<Job> heldSince(Instant before, int limit) {
    return tx.withHandle(h -> JobLogQueries.heldSince(h, before, limit));
  }

  @Override
  public JobHistory history(Instant since) {
    return tx.withHandle(h -> JobHistoryQuery.read(h, since));
  }

  static Optional<Job> find(Handle h, String id) {
    return h.createQuery("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = :id")
        .bind("id", id)
        .map(JobRows.JOB)
        .findOne();
  }

  /** Locks the job's row and reads it in the same statement: the row as of the lock. */
  private static Optional<Job> lockAndRead(Handle h, String id) {
    return h.createQuery("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = :id FOR UPDATE")
        .bind("id", id)
        .map(JobRows.JOB)
        .findOne();
  }

  private static Optional<Job> activeJob(Handle h, RepoRef repo, int prNumber) {
    return h.createQuery(
            "SELECT "
                + JOB_COLUMNS
                + " FROM jobs WHERE id = (SELECT job_id FROM active_jobs"
                + " WHERE repo_owner = :owner AND repo_name = :name AND pr_number = :pr)")
        .bind("owner", repo.owner())
        .bind("name", repo.name())
        .bind("pr", prNumber)
        .map(JobRows.JOB)
        .findOne();
  }

  static void insertActive(Handle h, String jobId, RepoRef repo, int prNumber) {
    h.createUpdate(
            "INSERT INTO active_jobs (repo_owner, repo_name, pr_number, job_id)"
                + " VALUES (:owner, :name, :pr, :id)")
        .bind("owner", repo.owner())
        .bind("name", repo.name())
        .bind("pr", prNumber)
        .bind("id", jobId)
        .execute();
  }

  static void insertEvent(
      Handle h, String jobId, Instant at, JobState from, JobState to, String message) {
    h.createUpdate(
            "INSERT INTO job_events (job_id, occurred_at, from_state, to_state, message)"
                + " VALUES (:id, :at, :from, :to, :message)")
        .bind("id", jobId)
        .bind("at", millis(at))
        .bind("from", from == null ? null : from.name())
        .bind("to", to.name())
        .bind("message", message == null ? "" : message)
        .execute();
  }
}
