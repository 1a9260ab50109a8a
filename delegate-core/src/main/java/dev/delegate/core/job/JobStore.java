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
 * Durable jobs and their events. Every method commits before it returns, so what it reports is on
 * disk. Several nodes may share one store: a job is claimed by one node at a time under a lease
 * that node renews; a job whose lease runs out goes back to {@code QUEUED}. Lost races are return
 * values ({@code Optional.empty()}, {@code false}), never exceptions.
 */
public interface JobStore {

  /** What {@link #enqueue} did. */
  record Enqueued(Job job, boolean created) {}

  /**
   * Stores a {@code QUEUED} job with its first event, unless an active job (see {@link
   * JobState#isActive()}) exists for the same repository and pull request: then that one is
   * returned with {@code created == false} and nothing is stored.
   */
  Enqueued enqueue(NewJob job, Instant now);

  Optional<Job> find(String id);

  /** The most recent job for a pull request. */
  Optional<Job> findByPullRequest(RepoRef repo, int prNumber);

  /** Jobs, newest first. */
  List<Job> recent(int limit);

  /**
   * The active jobs at {@code now} by state: how many, and since when the oldest has been in its
   * state (see {@link ActiveJobs.InState}). This default reads every active job; stores override it
   * with one query.
   */
  default ActiveJobs active(Instant now) {
    Map<JobState, Integer> counts = new java.util.EnumMap<>(JobState.class);
    Map<JobState, Instant> oldest = new java.util.EnumMap<>(JobState.class);
    // the jobs active at now, also those whose last event is at now
    for (String id : history(now.plusMillis(1)).unchanged().keySet()) {
      Optional<Job> found = find(id).filter(j -> j.state().isActive());
      if (found.isEmpty()) {
        continue;
      }
      Job job = found.get();
      counts.merge(job.state(), 1, Integer::sum);
      Instant since = job.updatedAt();
      if (job.state() == JobState.QUEUED) {
        if (job.notBefore().isAfter(now)) {
          continue; // waits for its retry: not claimable yet
        }
        since = job.notBefore().isAfter(since) ? job.notBefore() : since;
      }
      oldest.merge(job.state(), since, (a, b) -> a.isBefore(b) ? a : b);
    }
    Map<JobState, ActiveJobs.InState> byState = new java.util.EnumMap<>(JobState.class);
    counts.forEach(
        (state, count) ->
            byState.put(
                state, new ActiveJobs.InState(count, Optional.ofNullable(oldest.get(state)))));
    return new ActiveJobs(byState);
  }

  /**
   * Takes the oldest {@code QUEUED} job whose {@code notBefore} has come, for {@code owner}: moves
   * it to {@code PREPARING}, counts an attempt and sets the lease. Safe when several nodes claim at
   * once ({@code SELECT … FOR UPDATE SKIP LOCKED}). Records {@code agent} (how the claiming node
   * names its agent; blank: none) as the job's {@link Job#agent}.
   */
  Optional<Job> claim(String owner, String agent, Duration lease, Instant now);

  /** {@link #claim(String, String, Duration, Instant)} by a node that names no agent. */
  default Optional<Job> claim(String owner, Duration lease, Instant now) {
    return claim(owner, "", lease, now);
  }

  /** Extends the lease; false when {@code owner} no longer holds the job. */
  boolean renewLease(String jobId, String owner, Duration lease, Instant now);

  /**
   * Moves a job held by {@code owner} to {@code to} if {@link JobState#canMoveTo} allows it,
   * applies {@code change}, records an event with {@code message}, and clears the lease when the
   * new state is not a leased one. False when the owner lost the job or the move is not allowed.
   */
  boolean transition(
      String jobId, String owner, JobState to, String message, JobChange change, Instant now);

  /**
   * Returns a job {@code owner} holds to {@code QUEUED}, due at once, without counting the attempt
   * it was claimed for (its node stops, the job did nothing wrong), with an event. False when
   * {@code owner} does not hold the job.
   */
  boolean giveBack(String jobId, String owner, String message, Instant now);

  /**
   * Takes back the jobs whose lease ran out (their node stopped answering), each with an event: a
   * job that still has attempts left goes back to {@code QUEUED}; one a person asked to cancel is
   * {@code CANCELLED}; one that already had {@code maxAttempts} attempts (every claim is one) is
   * {@code FAILED}, "gave up after N attempts; the last node holding it stopped answering", so a
   * job that kills its node every time cannot loop.
   *
   * @return the jobs taken back and the state each moved to, in the order they were taken
   */
  Map<String, JobState> takeBackExpired(Instant now, int maxAttempts);

  /** What {@link #cancel} did. */
  enum Cancel {
    /** The job was queued (or waiting for a retry): it is {@code CANCELLED} now. */
    CANCELLED,
    /**
     * A node holds the job: the request is kept, and the node interrupts the agent and ends the job
     * {@code CANCELLED}; until then the job moves nowhere else.
     */
    REQUESTED,
    /** The job's commit is made and being pushed: too late to cancel. */
    COMMITTING,
    /** The job had already ended. */
    ENDED,
    /** No such job. */
    UNKNOWN
  }

  /**
   * A person cancels a job: a queued one is {@code CANCELLED} at once (with {@code reason} as its
   * failure), for a held one the request is recorded (see {@link Cancel#REQUESTED}); each with an
   * event. While a cancel is requested, {@link #transition} accepts only a move to {@code
   * CANCELLED}, {@link #giveBack} refuses, and {@link #takeBackExpired} cancels instead of
   * requeueing.
   */
  Cancel cancel(String jobId, String reason, Instant now);

  /** The jobs {@code owner} holds that a person asked to cancel. */
  List<String> cancelRequested(String owner);

  /**
   * Keeps a person's answer for a job in {@code NEEDS_INPUT}, with an event, until the job leaves
   * {@code NEEDS_INPUT}. False when the job does not wait for input or already has an answer.
   */
  boolean provideInput(String jobId, String text, Instant now);

  /**
   * The answer kept for a job {@code owner} holds; empty when there is none. It stays kept, and
   * further answers are refused, until the job leaves {@code NEEDS_INPUT}: a second answer that
   * comes while the first is being typed is never accepted and then lost.
   */
  Optional<String> pendingInput(String jobId, String owner);

  /**
   * Records an event that does not change the job's state (e.g. an approval decision); false when
   * there is no such job.
   */
  boolean note(String jobId, String message, Instant now);

  /**
   * Adds what one turn of the job's agent reported spending to {@link Job#usage}, part by part (a
   * part the turn did not report stays as it was; one reported for the first time starts from 0),
   * in one atomic update: of any number of concurrent adds none is lost. False when there is no
   * such job; true, changing nothing, when {@code usage} is empty.
   */
  boolean addUsage(String jobId, Usage usage);

  /**
   * The acceptance criteria a job was enqueued with ({@link NewJob#criteria}) and the verdicts last
   * recorded for them; {@link JobCriteria#NONE} for a job without criteria or an unknown one.
   */
  JobCriteria criteria(String jobId);

  /**
   * Records the verdicts on a job's criteria, one per criterion in their order, replacing any
   * recorded before, in one atomic update. False when there is no such job or the verdicts do not
   * match its criteria in number.
   */
  boolean recordVerdicts(String jobId, List<CriterionVerdict> verdicts);

  /** A job's events, oldest first. */
  List<JobEvent> events(String jobId);

  /**
   * The events of every job whose {@link JobEvent#sequence} is above {@code afterSequence}, in
   * sequence order, at most {@code limit}: what a live stream replays for a client that reconnects.
   * Sequences grow, but with several writers one may commit after a higher one is already visible,
   * and numbers may be skipped; a reader that must miss nothing looks again below its highest.
   */
  List<JobEvent> eventsAfter(long afterSequence, int limit);

  /** The highest {@link JobEvent#sequence} recorded so far; 0 when there is no event. */
  long lastEventSequence();

  /**
   * The jobs a node holds ({@link JobState#isLeased}) that have not changed state since before
   * {@code before} (their {@link Job#updatedAt}), the longest unchanged first, at most {@code
   * limit}: what a watcher for stuck jobs looks at.
   */
  List<Job> heldSince(Instant before, int limit);

  /**
   * The events at or after {@code since} (of every job) and the active jobs that have none since,
   * read as one consistent snapshot while jobs keep moving: what the {@link Dashboard} is computed
   * from. Reads only the events of that window and the active jobs.
   */
  JobHistory history(Instant since);
}
