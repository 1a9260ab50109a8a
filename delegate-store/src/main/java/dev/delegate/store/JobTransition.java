package dev.delegate.store;

import static dev.delegate.store.JobRows.millis;

import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** One state change of a locked job row: the rules, the update, the event, {@code active_jobs}. */
final class JobTransition {
  private JobTransition() {}

  /** Applies the move if the rules allow it; false (and nothing written) when they do not. */
  static boolean apply(
      Handle h, Job job, String owner, JobState to, String message, JobChange change, Instant now) {
    JobState from = job.state();
    if (!from.canMoveTo(to)) {
      return false;
    }
    if (from.isLeased() && (owner == null || !job.leaseOwner().equals(Optional.of(owner)))) {
      return false;
    }
    if (job.cancelRequest().isPresent() && to != JobState.CANCELLED) {
      return false; // a person's cancel wins over whatever the node was about to do
    }
    if (from == JobState.QUEUED && to.isLeased()) {
      return false; // only claim() takes a queued job: it counts the attempt and sets the lease
    }
    if (!from.isLeased() && to.isLeased() && owner == null) {
      return false;
    }
    StringBuilder sql = new StringBuilder("UPDATE jobs SET state = :to, updated_at = :now");
    if (!to.isLeased()) {
      sql.append(", lease_owner = NULL, lease_expires_at = NULL");
    } else if (!from.isLeased()) {
      sql.append(
          ", lease_owner = :owner, lease_expires_at = :now + COALESCE(lease_millis, :lease)");
    }
    if (from == JobState.NEEDS_INPUT) {
      sql.append(", pending_input = NULL"); // an answer not taken belongs to that question only
    }
    change.commitSha().ifPresent(v -> sql.append(", commit_sha = :commitSha"));
    sql.append(", failure = :failure, question = :question"); // what the new state says, or none
    change.transcript().ifPresent(v -> sql.append(", transcript = :transcript"));
    change.notBefore().ifPresent(v -> sql.append(", not_before = :notBefore"));
    Update update =
        h.createUpdate(sql.append(" WHERE id = :id").toString())
            .bind("to", to.name())
            .bind("now", millis(now))
            .bind("id", job.id());
    if (to.isLeased() && !from.isLeased()) {
      update.bind("owner", owner).bind("lease", JdbcJobStore.DEFAULT_LEASE.toMillis());
    }
    change.commitSha().ifPresent(v -> update.bind("commitSha", v));
    update.bind("failure", change.failure().orElse(null));
    update.bind("question", change.question().orElse(null));
    change.transcript().ifPresent(v -> update.bind("transcript", v));
    change.notBefore().ifPresent(v -> update.bind("notBefore", millis(v)));
    update.execute();
    if (from.isActive() && !to.isActive()) {
      h.createUpdate("DELETE FROM active_jobs WHERE job_id = :id").bind("id", job.id()).execute();
    } else if (!from.isActive() && to.isActive()) {
      // Fails on the key when another job for the pull request is active; the caller rolls back.
      JdbcJobStore.insertActive(h, job.id(), job.repo(), job.prNumber());
    }
    JdbcJobStore.insertEvent(h, job.id(), now, from, to, message);
    return true;
  }

  /**
   * Ends a leased job whose node stopped answering on its last attempt: {@code FAILED} with {@code
   * reason}, no longer the pull request's active job.
   */
  static void giveUp(Handle h, Job job, String reason, Instant now) {
    takeFromOwner(h, job, JobState.FAILED, reason, "", reason, now);
    h.createUpdate("DELETE FROM active_jobs WHERE job_id = :id").bind("id", job.id()).execute();
  }

  /**
   * {@code CANCELLED} by a person (a queued job) or after its node stopped answering (a held job
   * whose cancel was requested): {@code reason} as its failure, no longer the active job.
   */
  static void cancel(Handle h, Job job, String reason, Instant now) {
    takeFromOwner(h, job, JobState.CANCELLED, reason, "", reason, now);
    h.createUpdate("DELETE FROM active_jobs WHERE job_id = :id").bind("id", job.id()).execute();
  }

  /** {@code QUEUED} from its owner, due now, the attempt not counted. */
  static void giveBack(Handle h, Job job, String message, Instant now) {
    takeFromOwner(
        h,
        job,
        JobState.QUEUED,
        null,
        ", attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, not_before = :now",
        message,
        now);
  }

  /** Takes a leased job back from its owner whose lease ran out: {@code QUEUED}. */
  static void requeue(Handle h, Job job, String message, Instant now) {
    takeFromOwner(h, job, JobState.QUEUED, message, "", message, now);
  }

  /**
   * Moves a leased job to {@code to} without its owner: lease, pending answer and question cleared,
   * {@code failure} set (null clears it), {@code moreSet} applied, an event written.
   */
  private static void takeFromOwner(
      Handle h, Job job, JobState to, String failure, String moreSet, String message, Instant now) {
    h.createUpdate(
            "UPDATE jobs SET state = :to, lease_owner = NULL, lease_expires_at = NULL,"
                + " pending_input = NULL, question = NULL, failure = :failure, updated_at = :now"
                + moreSet
                + " WHERE id = :id")
        .bind("to", to.name())
        .bind("failure", failure)
        .bind("now", millis(now))
        .bind("id", job.id())
        .execute();
    JdbcJobStore.insertEvent(h, job.id(), now, job.state(), to, message);
  }
}
