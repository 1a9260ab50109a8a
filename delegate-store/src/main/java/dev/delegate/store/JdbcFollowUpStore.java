package dev.delegate.store;

import static dev.delegate.store.JobRows.JOB_COLUMNS;
import static dev.delegate.store.JobRows.millis;

import dev.delegate.core.TransientException;
import dev.delegate.core.followup.FollowUpComment;
import dev.delegate.core.followup.FollowUpStore;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.store.Transactions.DuplicateKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link FollowUpStore} on the {@code follow_up_prs} and {@code follow_up_remarks} tables. Adding a
 * remark and starting a follow-up both write the pull request's row in {@code follow_up_prs}, so
 * they take turns on its lock: a remark is either in the batch a follow-up takes or stays pending
 * for the next one. The job is enqueued through {@link JdbcJobStore}'s SQL in the same transaction.
 */
public final class JdbcFollowUpStore implements FollowUpStore {
  private static final String PR = "repo_owner = :owner AND repo_name = :name AND pr_number = :pr";
  private static final String COLUMNS =
      "remark_key, repo_owner, repo_name, pr_number, kind, author, body, path, line_number,"
          + " diff_hunk, received_at";

  private final Transactions tx;

  public JdbcFollowUpStore(Jdbi jdbi) {
    this.tx = new Transactions(jdbi);
  }

  @Override
  public boolean add(FollowUpComment c) {
    for (int attempt = 1; attempt <= Transactions.MAX_TRIES; attempt++) {
      try {
        return tx.inTransaction(h -> add(h, c));
      } catch (DuplicateKey lostRace) {
        // the same remark, or the pull request's first remark, was added at the same moment
      }
    }
    throw new TransientException("could not keep remark " + c.key() + ": too many changes");
  }

  private static boolean add(Handle h, FollowUpComment c) {
    if (h.createQuery("SELECT COUNT(*) FROM follow_up_remarks WHERE remark_key = :key")
            .bind("key", c.key())
            .mapTo(Integer.class)
            .one()
        > 0) {
      return false;
    }
    long at = millis(c.receivedAt());
    int touched =
        h.createUpdate(
                "UPDATE follow_up_prs SET last_remark_at = GREATEST(last_remark_at, :at)"
                    + " WHERE "
                    + PR)
            .bind("at", at)
            .bind("owner", c.repo().owner())
            .bind("name", c.repo().name())
            .bind("pr", c.prNumber())
            .execute();
    if (touched == 0) {
      h.createUpdate(
              "INSERT INTO follow_up_prs (repo_owner, repo_name, pr_number, follow_ups,"
                  + " cap_noted, last_remark_at) VALUES (:owner, :name, :pr, 0, FALSE, :at)")
          .bind("at", at)
          .bind("owner", c.repo().owner())
          .bind("name", c.repo().name())
          .bind("pr", c.prNumber())
          .execute();
    }
    h.createUpdate(
            "INSERT INTO follow_up_remarks ("
                + COLUMNS
                + ", state) VALUES (:key, :owner, :name, :pr, :kind, :author, :body, :path,"
                + " :line, :hunk, :at, 'PENDING')")
        .bind("key", c.key())
        .bind("owner", c.repo().owner())
        .bind("name", c.repo().name())
        .bind("pr", c.prNumber())
        .bind("kind", c.kind().name())
        .bind("author", c.author())
        .bind("body", c.body())
        .bind("path", c.path().orElse(null))
        .bindByType("line", c.line().orElse(null), Integer.class)
        .bind("hunk", c.diffHunk().orElse(null))
        .bind("at", at)
        .execute();
    return true;
  }

  @Override
  public List<PullRequestKey> due(Instant quietSince, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT r.repo_owner, r.repo_name, r.pr_number, MAX(r.received_at) AS newest"
                        + " FROM follow_up_remarks r WHERE r.state = 'PENDING'"
                        + " AND NOT EXISTS (SELECT 1 FROM active_jobs a"
                        + " WHERE a.repo_owner = r.repo_owner AND a.repo_name = r.repo_name"
                        + " AND a.pr_number = r.pr_number)"
                        + " GROUP BY r.repo_owner, r.repo_name, r.pr_number"
                        + " HAVING MAX(r.received_at) <= :quiet"
                        + " ORDER BY newest FETCH FIRST :limit ROWS ONLY")
                .bind("quiet", millis(quietSince))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new PullRequestKey(
                            new RepoRef(rs.getString("repo_owner"), rs.getString("repo_name")),
                            rs.getInt("pr_number")))
                .list());
  }

  @Override
  public Outcome start(
      PullRequestKey pr,
      Instant quietSince,
      int maxFollowUps,
      BiFunction<Job, List<FollowUpComment>, NewJob> job,
      Instant now) {
    for (int attempt = 1; attempt <= Transactions.MAX_TRIES; attempt++) {
      try {
        return tx.inTransaction(h -> start(h, pr, quietSince, maxFollowUps, job, now));
      } catch (DuplicateKey lostRace) {
        // a job of the pull request was enqueued at the same moment: look again
      }
    }
    throw new TransientException("could not start a follow-up for " + pr + ": too many changes");
  }

  private static Outcome start(
      Handle h,
      PullRequestKey pr,
      Instant quietSince,
      int maxFollowUps,
      BiFunction<Job, List<FollowUpComment>, NewJob> job,
      Instant now) {
    Optional<Counts> counts =
        bind(
                h.createQuery(
                    "SELECT follow_ups, cap_noted FROM follow_up_prs WHERE " + PR + " FOR UPDATE"),
                pr)
            .map((rs, ctx) -> new Counts(rs.getInt("follow_ups"), rs.getBoolean("cap_noted")))
            .findOne();
    if (counts.isEmpty()) {
      return new Nothing();
    }
    List<FollowUpComment> pending =
        bind(
                h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM follow_up_remarks WHERE "
                        + PR
                        + " AND state = 'PENDING' ORDER BY received_at, seq"),
                pr)
            .map(JdbcFollowUpStore::remark)
            .list();
    if (pending.isEmpty() || pending.getLast().receivedAt().isAfter(quietSince)) {
      return new Nothing();
    }
    Optional<Job> latest =
        bind(
                h.createQuery(
                    "SELECT "
                        + JOB_COLUMNS
                        + " FROM jobs WHERE "
                        + PR
                        + " ORDER BY created_at DESC, seq DESC FETCH FIRST 1 ROWS ONLY"),
                pr)
            .map(JobRows.JOB)
            .findOne();
    if (latest.isEmpty()) {
      setAside(h, pr);
      return new Nothing();
    }
    if (!latest.get().state().isFinal()) {
      return new Waiting(latest.get().id());
    }
    if (counts.get().followUps() >= maxFollowUps) {
      setAside(h, pr);
      bind(h.createUpdate("UPDATE follow_up_prs SET cap_noted = TRUE WHERE " + PR), pr).execute();
      return new CapReached(!counts.get().capNoted());
    }
    JobStore.Enqueued enqueued = JdbcJobStore.enqueue(h, job.apply(latest.get(), pending), now);
    if (!enqueued.created()) {
      return new Waiting(enqueued.job().id());
    }
    String jobId = enqueued.job().id();
    h.createUpdate(
            "UPDATE follow_up_remarks SET state = 'USED', job_id = :job"
                + " WHERE remark_key IN (<keys>)")
        .bind("job", jobId)
        .bindList("keys", pending.stream().map(FollowUpComment::key).toList())
        .execute();
    bind(h.createUpdate("UPDATE follow_up_prs SET follow_ups = follow_ups + 1 WHERE " + PR), pr)
        .execute();
    h.createUpdate("UPDATE tasks SET job_id = :next, updated_at = :now WHERE job_id = :previous")
        .bind("next", jobId)
        .bind("previous", latest.get().id())
        .bind("now", millis(now))
        .execute();
    return new Started(enqueued.job(), latest.get().id(), pending, counts.get().followUps() + 1);
  }

  private static void setAside(Handle h, PullRequestKey pr) {
    bind(
            h.createUpdate(
                "UPDATE follow_up_remarks SET state = 'SET_ASIDE' WHERE "
                    + PR
                    + " AND state = 'PENDING'"),
            pr)
        .execute();
  }

  @Override
  public List<FollowUpComment> comments(RepoRef repo, int number) {
    return tx.withHandle(
        h ->
            bind(
                    h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM follow_up_remarks WHERE "
                            + PR
                            + " ORDER BY received_at, seq"),
                    new PullRequestKey(repo, number))
                .map(JdbcFollowUpStore::remark)
                .list());
  }

  @Override
  public int followUps(RepoRef repo, int number) {
    return tx.withHandle(
        h ->
            bind(
                    h.createQuery("SELECT follow_ups FROM follow_up_prs WHERE " + PR),
                    new PullRequestKey(repo, number))
                .mapTo(Integer.class)
                .findOne()
                .orElse(0));
  }

  private record Counts(int followUps, boolean capNoted) {}

  private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(
      S statement, PullRequestKey pr) {
    return statement
        .bind("owner", pr.repo().owner())
        .bind("name", pr.repo().name())
        .bind("pr", pr.number());
  }

  private static FollowUpComment remark(ResultSet rs, StatementContext ctx) throws SQLException {
    int line = rs.getInt("line_number");
    boolean noLine = rs.wasNull();
    return new FollowUpComment(
        rs.getString("remark_key"),
        new RepoRef(rs.getString("repo_owner"), rs.getString("repo_name")),
        rs.getInt("pr_number"),
        FollowUpComment.Kind.valueOf(rs.getString("kind")),
        rs.getString("author"),
        rs.getString("body"),
        Optional.ofNullable(rs.getString("path")),
        noLine ? Optional.empty() : Optional.of(line),
        Optional.ofNullable(rs.getString("diff_hunk")),
        Instant.ofEpochMilli(rs.getLong("received_at")));
  }
}
