package dev.delegate.store;

import static dev.delegate.store.JobRows.millis;

import dev.delegate.core.TransientException;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.criteria.Criterion;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskCursor;
import dev.delegate.core.task.TaskPage;
import dev.delegate.core.task.TaskQuery;
import dev.delegate.core.task.TaskState;
import dev.delegate.core.task.TaskStore;
import dev.delegate.store.Transactions.DuplicateKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link TaskStore} on the {@code tasks} and {@code task_criteria} tables. {@link #delegate} writes
 * the task's pull request and enqueues its job through {@link JdbcJobStore}'s SQL on the same
 * handle, so both commit together or not at all.
 */
public final class JdbcTaskStore implements TaskStore {
  private static final String COLUMNS =
      "id, title, objective, task_constraints, repo_owner, repo_name, base_branch, branch,"
          + " pr_number, pr_url, job_id, state, created_at, failure, max_cost_usd, max_credits";
  private static final String PREFIXED =
      String.join(", ", java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> "t." + c).toList());

  private final Transactions tx;

  public JdbcTaskStore(Jdbi jdbi) {
    this.tx = new Transactions(jdbi);
  }

  @Override
  public void create(StoredTask task) {
    Objects.requireNonNull(task, "task");
    if (task.state() != TaskState.SUBMITTED) {
      throw new IllegalArgumentException("a new task is SUBMITTED, was " + task.state());
    }
    tx.inTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO tasks (id, title, objective, task_constraints, repo_owner,"
                      + " repo_name, base_branch, branch, state, created_at, updated_at,"
                      + " max_cost_usd, max_credits) VALUES (:id, :title, :objective,"
                      + " :constraints, :owner, :name, :base, :branch, 'SUBMITTED', :now, :now,"
                      + " :maxCost, :maxCredits)")
              .bind("id", task.id())
              .bind("title", task.task().title())
              .bind("objective", task.task().objective())
              .bind("constraints", task.task().constraints())
              .bind("owner", task.repo().owner())
              .bind("name", task.repo().name())
              .bind("base", task.baseBranch())
              .bind("branch", task.branch())
              .bind("now", millis(task.createdAt()))
              .bindByType(
                  "maxCost", task.budget().maxCostUsd().orElse(null), java.math.BigDecimal.class)
              .bindByType(
                  "maxCredits", task.budget().maxCredits().orElse(null), java.math.BigDecimal.class)
              .execute();
          List<Criterion> criteria = task.task().criteria();
          for (int i = 0; i < criteria.size(); i++) {
            h.createUpdate(
                    "INSERT INTO task_criteria (task_id, position, criterion, check_command)"
                        + " VALUES (:id, :position, :criterion, :check)")
                .bind("id", task.id())
                .bind("position", i)
                .bind("criterion", criteria.get(i).text())
                .bind("check", criteria.get(i).check().orElse(null))
                .execute();
          }
          return null;
        });
  }

  @Override
  public Optional<Delegated> delegate(String taskId, PullRequest pr, NewJob job, Instant now) {
    for (int attempt = 1; attempt <= Transactions.MAX_TRIES; attempt++) {
      try {
        return tx.inTransaction(h -> delegate(h, taskId, pr, job, now));
      } catch (DuplicateKey lostRace) {
        // a concurrent enqueue for the same pull request committed first: read it next time
      }
    }
    throw new TransientException("could not delegate task " + taskId + ": too many changes");
  }

  private static Optional<Delegated> delegate(
      Handle h, String taskId, PullRequest pr, NewJob job, Instant now) {
    if (!isSubmitted(h, taskId)) {
      return Optional.empty();
    }
    JobStore.Enqueued enqueued = JdbcJobStore.enqueue(h, job, now);
    h.createUpdate(
            "UPDATE tasks SET state = 'DELEGATED', pr_number = :pr, pr_url = :url,"
                + " job_id = :job, updated_at = :now WHERE id = :id")
        .bind("pr", pr.number())
        .bind("url", pr.url())
        .bind("job", enqueued.job().id())
        .bind("now", millis(now))
        .bind("id", taskId)
        .execute();
    return Optional.of(new Delegated(find(h, taskId).orElseThrow(), enqueued));
  }

  @Override
  public boolean followJob(String previousJobId, String nextJobId, Instant now) {
    return tx.inTransaction(
            h ->
                h.createUpdate(
                        "UPDATE tasks SET job_id = :next, updated_at = :now WHERE job_id = :previous")
                    .bind("next", nextJobId)
                    .bind("previous", previousJobId)
                    .bind("now", millis(now))
                    .execute())
        > 0;
  }

  @Override
  public boolean fail(String taskId, String failure, Instant now) {
    return tx.inTransaction(
        h ->
            isSubmitted(h, taskId)
                && h.createUpdate(
                            "UPDATE tasks SET state = 'FAILED', failure = :failure,"
                                + " updated_at = :now WHERE id = :id AND state = 'SUBMITTED'")
                        .bind("failure", failure == null ? "" : failure)
                        .bind("now", millis(now))
                        .bind("id", taskId)
                        .execute()
                    == 1);
  }

  @Override
  public List<StoredTask> claimUnfinished(Instant before, Instant now, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return tx.inTransaction(
        h -> {
          List<String> ids =
              h.createQuery(
                      "SELECT id FROM tasks WHERE state = 'SUBMITTED' AND updated_at < :before"
                          + " ORDER BY updated_at FETCH FIRST :limit ROWS ONLY")
                  .bind("before", millis(before))
                  .bind("limit", limit)
                  .mapTo(String.class)
                  .list();
          List<StoredTask> claimed = new ArrayList<>();
          for (String id : ids) {
            boolean free =
                h.createQuery("SELECT id FROM tasks WHERE id = :id FOR UPDATE SKIP LOCKED")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne()
                    .isPresent();
            if (!free) {
              continue; // another node is taking it
            }
            int taken =
                h.createUpdate(
                        "UPDATE tasks SET updated_at = :now WHERE id = :id"
                            + " AND state = 'SUBMITTED' AND updated_at < :before")
                    .bind("now", millis(now))
                    .bind("id", id)
                    .bind("before", millis(before))
                    .execute();
            if (taken == 1) {
              find(h, id).ifPresent(claimed::add);
            }
          }
          return claimed;
        });
  }

  @Override
  public Optional<StoredTask> find(String id) {
    return tx.withHandle(h -> find(h, id));
  }

  @Override
  public List<StoredTask> recent(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return tx.withHandle(
        h ->
            h
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM tasks ORDER BY created_at DESC, seq DESC"
                        + " FETCH FIRST :limit ROWS ONLY")
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list()
                .stream()
                .map(row -> row.withCriteria(criteria(h, row.id())))
                .toList());
  }

  @Override
  public TaskPage page(TaskQuery query) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(PREFIXED)
            .append(" FROM tasks t LEFT JOIN jobs j ON j.id = t.job_id WHERE 1 = 1");
    query.state().ifPresent(s -> sql.append(" AND COALESCE(j.state, t.state) = :state"));
    query.repo().ifPresent(r -> sql.append(" AND t.repo_owner = :owner AND t.repo_name = :name"));
    query
        .titleContains()
        .ifPresent(q -> sql.append(" AND LOWER(t.title) LIKE LOWER(:pattern) ESCAPE '!'"));
    query
        .before()
        .ifPresent(
            c ->
                sql.append(
                    " AND (t.created_at < :beforeAt OR (t.created_at = :beforeAt AND t.id <"
                        + " :beforeId))"));
    sql.append(" ORDER BY t.created_at DESC, t.id DESC FETCH FIRST :rows ROWS ONLY");
    return tx.withHandle(
        h -> {
          Query select = h.createQuery(sql.toString()).bind("rows", query.limit() + 1);
          query.state().ifPresent(s -> select.bind("state", s));
          query.repo().ifPresent(r -> select.bind("owner", r.owner()).bind("name", r.name()));
          query.titleContains().ifPresent(q -> select.bind("pattern", "%" + literal(q) + "%"));
          query
              .before()
              .ifPresent(
                  c -> select.bind("beforeAt", millis(c.createdAt())).bind("beforeId", c.id()));
          List<Row> rows = select.map((rs, ctx) -> row(rs)).list();
          boolean more = rows.size() > query.limit();
          List<Row> shown = more ? rows.subList(0, query.limit()) : rows;
          Map<String, List<Criterion>> criteria = criteria(h, shown.stream().map(Row::id).toList());
          List<StoredTask> tasks =
              shown.stream()
                  .map(r -> r.withCriteria(criteria.getOrDefault(r.id(), List.of())))
                  .toList();
          return new TaskPage(
              tasks, more ? Optional.of(TaskCursor.after(tasks.getLast())) : Optional.empty());
        });
  }

  /** {@code text} as a LIKE pattern matching itself: {@code %}, {@code _} and {@code !} escaped. */
  private static String literal(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  /** The criteria of several tasks in one query, in order, by task id. */
  private static Map<String, List<Criterion>> criteria(Handle h, List<String> taskIds) {
    Map<String, List<Criterion>> byTask = new HashMap<>();
    if (taskIds.isEmpty()) {
      return byTask;
    }
    h.createQuery(
            "SELECT task_id, criterion, check_command FROM task_criteria WHERE task_id IN (<ids>)"
                + " ORDER BY task_id, position")
        .bindList("ids", taskIds)
        .map((rs, ctx) -> Map.entry(rs.getString("task_id"), criterion(rs)))
        .forEach(e -> byTask.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return byTask;
  }

  /** Locks the task's row and tells whether it is still {@code SUBMITTED}. */
  private static boolean isSubmitted(Handle h, String taskId) {
    return h.createQuery("SELECT state FROM tasks WHERE id = :id FOR UPDATE")
        .bind("id", taskId)
        .mapTo(String.class)
        .findOne()
        .map(TaskState.SUBMITTED.name()::equals)
        .orElse(false);
  }

  private static Optional<StoredTask> find(Handle h, String id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> row(rs))
        .findOne()
        .map(row -> row.withCriteria(criteria(h, id)));
  }

  private static List<Criterion> criteria(Handle h, String taskId) {
    return h.createQuery(
            "SELECT criterion, check_command FROM task_criteria WHERE task_id = :id"
                + " ORDER BY position")
        .bind("id", taskId)
        .map((rs, ctx) -> criterion(rs))
        .list();
  }

  private static Criterion criterion(ResultSet rs) throws SQLException {
    return new Criterion(
        rs.getString("criterion"), Optional.ofNullable(rs.getString("check_command")));
  }

  private static Row row(ResultSet rs) throws SQLException {
    int pr = rs.getInt("pr_number");
    Optional<Integer> prNumber = rs.wasNull() ? Optional.empty() : Optional.of(pr);
    return new Row(
        rs.getString("id"),
        rs.getString("title"),
        rs.getString("objective"),
        rs.getString("task_constraints"),
        new RepoRef(rs.getString("repo_owner"), rs.getString("repo_name")),
        rs.getString("base_branch"),
        rs.getString("branch"),
        prNumber,
        Optional.ofNullable(rs.getString("pr_url")),
        Optional.ofNullable(rs.getString("job_id")),
        TaskState.valueOf(rs.getString("state")),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Optional.ofNullable(rs.getString("failure")),
        new Budget(JobRows.decimal(rs, "max_cost_usd"), JobRows.decimal(rs, "max_credits")));
  }

  /** A {@code tasks} row before its criteria are read. */
  private record Row(
      String id,
      String title,
      String objective,
      String constraints,
      RepoRef repo,
      String baseBranch,
      String branch,
      Optional<Integer> prNumber,
      Optional<String> prUrl,
      Optional<String> jobId,
      TaskState state,
      Instant createdAt,
      Optional<String> failure,
      Budget budget) {

    StoredTask withCriteria(List<Criterion> criteria) {
      return new StoredTask(
          id,
          new Task(title, objective, constraints, criteria),
          repo,
          baseBranch,
          branch,
          prNumber,
          prUrl,
          jobId,
          state,
          createdAt,
          failure,
          budget);
    }
  }
}
