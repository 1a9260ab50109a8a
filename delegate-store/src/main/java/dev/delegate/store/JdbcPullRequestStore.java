package dev.delegate.store;

import dev.delegate.core.PermanentException;
import dev.delegate.core.TransientException;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestStore;
import dev.delegate.core.forge.PullRequestUpdate;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.store.Transactions.DuplicateKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * {@link PullRequestStore} on the {@code pull_requests} and {@code pr_comments} tables. A new pull
 * request takes its number from the repository's row in {@code pr_counters}, incremented in the
 * same transaction: concurrent creates wait for each other's short transaction instead of racing
 * for a number, and get distinct, consecutive numbers.
 */
public final class JdbcPullRequestStore implements PullRequestStore {
  /** Tries of {@link #create}: only the very first creates of a repository can collide. */
  public static final int MAX_CREATE_TRIES = 5;

  private static final String COLUMNS =
      "repo_owner, repo_name, pr_number, title, body, base, head, state, url";
  private static final RowMapper<PullRequest> ROW =
      (rs, ctx) ->
          new PullRequest(
              new RepoRef(rs.getString("repo_owner"), rs.getString("repo_name")),
              rs.getInt("pr_number"),
              rs.getString("title"),
              rs.getString("body"),
              rs.getString("base"),
              rs.getString("head"),
              rs.getString("state"),
              rs.getString("url"));

  private final Transactions tx;
  private final Clock clock;

  public JdbcPullRequestStore(Jdbi jdbi, Clock clock) {
    this.tx = new Transactions(jdbi);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public PullRequest create(
      RepoRef repo, String title, String body, String head, String base, String urlPrefix) {
    Objects.requireNonNull(repo, "repo");
    for (int attempt = 1; attempt <= MAX_CREATE_TRIES; attempt++) {
      try {
        return tx.inTransaction(
            h -> {
              int number = nextNumber(h, repo);
              PullRequest pr =
                  new PullRequest(
                      repo,
                      number,
                      nonNull(title),
                      nonNull(body),
                      nonNull(base),
                      nonNull(head),
                      "open",
                      nonNull(urlPrefix) + number);
              h.createUpdate(
                      "INSERT INTO pull_requests ("
                          + COLUMNS
                          + ", created_at) VALUES (:owner, :name, :number, :title, :body,"
                          + " :base, :head, :state, :url, :createdAt)")
                  .bind("owner", repo.owner())
                  .bind("name", repo.name())
                  .bindMethods(pr)
                  .bind("createdAt", clock.millis())
                  .execute();
              return pr;
            });
      } catch (DuplicateKey lostRace) {
        // Two first creates of a repository both inserted its counter; the next try increments it.
      }
    }
    throw new TransientException(
        "could not number a pull request for " + repo + ": too many concurrent creates");
  }

  /** The repository's next number, its counter row locked until the transaction ends. */
  private static int nextNumber(Handle h, RepoRef repo) {
    String where = " WHERE repo_owner = :owner AND repo_name = :name";
    int updated =
        ofRepo(h.createUpdate("UPDATE pr_counters SET last_number = last_number + 1" + where), repo)
            .execute();
    if (updated == 0) {
      ofRepo(
              h.createUpdate(
                  "INSERT INTO pr_counters (repo_owner, repo_name, last_number)"
                      + " VALUES (:owner, :name, 1)"),
              repo)
          .execute();
      return 1;
    }
    return ofRepo(h.createQuery("SELECT last_number FROM pr_counters" + where), repo)
        .mapTo(Integer.class)
        .one();
  }

  /** Binds {@code :owner} and {@code :name} to the repository. */
  private static <S extends SqlStatement<S>> S ofRepo(S statement, RepoRef repo) {
    return statement.bind("owner", repo.owner()).bind("name", repo.name());
  }

  /** The repository's pull requests that also meet {@code more} (SQL after the repository). */
  private static Query select(Handle h, RepoRef repo, String more) {
    return ofRepo(
        h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM pull_requests WHERE repo_owner = :owner AND repo_name = :name"
                + more),
        repo);
  }

  @Override
  public Optional<PullRequest> findOpen(RepoRef repo, String head, String base) {
    return tx.withHandle(
        h ->
            select(
                    h,
                    repo,
                    " AND head = :head AND base = :base AND state = 'open'"
                        + " ORDER BY pr_number FETCH FIRST 1 ROWS ONLY")
                .bind("head", head)
                .bind("base", base)
                .map(ROW)
                .findOne());
  }

  @Override
  public Optional<PullRequest> findOpenFrom(RepoRef repo, String head) {
    return tx.withHandle(
        h ->
            select(
                    h,
                    repo,
                    " AND head = :head AND state = 'open' ORDER BY pr_number FETCH FIRST 1 ROWS ONLY")
                .bind("head", head)
                .map(ROW)
                .findOne());
  }

  @Override
  public Optional<PullRequest> update(RepoRef repo, int number, PullRequestUpdate update) {
    return tx.inTransaction(
        h -> {
          ofRepo(
                  h.createUpdate(
                      "UPDATE pull_requests SET body = COALESCE(:body, body),"
                          + " state = COALESCE(:state, state)"
                          + " WHERE repo_owner = :owner AND repo_name = :name"
                          + " AND pr_number = :number"),
                  repo)
              .bind("number", number)
              .bind("body", update.body().orElse(null))
              .bind("state", update.close() ? "closed" : null)
              .execute();
          return select(h, repo, " AND pr_number = :number")
              .bind("number", number)
              .map(ROW)
              .findOne();
        });
  }

  @Override
  public Optional<PullRequest> find(RepoRef repo, int number) {
    return tx.withHandle(
        h -> select(h, repo, " AND pr_number = :number").bind("number", number).map(ROW).findOne());
  }

  @Override
  public List<PullRequest> list(RepoRef repo) {
    return tx.withHandle(h -> select(h, repo, " ORDER BY pr_number").map(ROW).list());
  }

  @Override
  public void addComment(RepoRef repo, int number, String body) {
    try {
      tx.inTransaction(
          h ->
              h.createUpdate(
                      "INSERT INTO pr_comments (repo_owner, repo_name, pr_number, body, created_at)"
                          + " VALUES (:owner, :name, :number, :body, :createdAt)")
                  .bind("owner", repo.owner())
                  .bind("name", repo.name())
                  .bind("number", number)
                  .bind("body", nonNull(body))
                  .bind("createdAt", clock.millis())
                  .execute());
    } catch (PermanentException e) {
      throw new PermanentException("no pull request " + repo + "#" + number + " to comment on", e);
    }
  }

  @Override
  public List<String> comments(RepoRef repo, int number) {
    return tx.withHandle(
        h ->
            h.createQuery(
                    "SELECT body FROM pr_comments WHERE repo_owner = :owner AND repo_name = :name"
                        + " AND pr_number = :number ORDER BY seq")
                .bind("owner", repo.owner())
                .bind("name", repo.name())
                .bind("number", number)
                .mapTo(String.class)
                .list());
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
