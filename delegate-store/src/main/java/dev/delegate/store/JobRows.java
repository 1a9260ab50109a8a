package dev.delegate.store;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.JobKind;
import dev.delegate.core.job.JobState;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of {@code jobs} and {@code job_events} as records; instants are epoch milliseconds. */
final class JobRows {
  static final String JOB_COLUMNS =
      "id, repo_owner, repo_name, pr_number, branch, task_details, state, attempts, created_at,"
          + " updated_at, not_before, lease_owner, lease_expires_at, commit_sha, failure,"
          + " question, transcript, cancel_reason, ran_on, agent, input_tokens, output_tokens,"
          + " cost_usd, credits, max_cost_usd, max_credits, kind";

  static final RowMapper<Job> JOB = JobRows::job;
  static final RowMapper<JobEvent> EVENT = JobRows::event;

  private JobRows() {}

  static long millis(Instant instant) {
    return instant.toEpochMilli();
  }

  private static Job job(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Job(
        rs.getString("id"),
        new RepoRef(rs.getString("repo_owner"), rs.getString("repo_name")),
        rs.getInt("pr_number"),
        rs.getString("branch"),
        rs.getString("task_details"),
        JobState.valueOf(rs.getString("state")),
        rs.getInt("attempts"),
        instant(rs, "created_at").orElseThrow(),
        instant(rs, "updated_at").orElseThrow(),
        instant(rs, "not_before").orElseThrow(),
        Optional.ofNullable(rs.getString("lease_owner")),
        instant(rs, "lease_expires_at"),
        Optional.ofNullable(rs.getString("commit_sha")),
        Optional.ofNullable(rs.getString("failure")),
        Optional.ofNullable(rs.getString("question")),
        Optional.ofNullable(rs.getString("transcript")),
        Optional.ofNullable(rs.getString("cancel_reason")),
        Optional.ofNullable(rs.getString("ran_on")),
        Optional.ofNullable(rs.getString("agent")),
        new Usage(
            count(rs, "input_tokens"),
            count(rs, "output_tokens"),
            decimal(rs, "cost_usd"),
            decimal(rs, "credits")),
        new Budget(decimal(rs, "max_cost_usd"), decimal(rs, "max_credits")),
        JobKind.valueOf(rs.getString("kind")));
  }

  private static OptionalLong count(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /** A {@code NUMERIC(14, 6)} without the zeros its scale pads it with: 0.5, not 0.500000. */
  static Optional<BigDecimal> decimal(ResultSet rs, String column) throws SQLException {
    BigDecimal value = rs.getBigDecimal(column);
    if (value == null) {
      return Optional.empty();
    }
    BigDecimal plain = value.stripTrailingZeros();
    return Optional.of(plain.scale() < 0 ? plain.setScale(0) : plain);
  }

  private static JobEvent event(ResultSet rs, StatementContext ctx) throws SQLException {
    String from = rs.getString("from_state");
    return new JobEvent(
        rs.getLong("seq"),
        rs.getString("job_id"),
        instant(rs, "occurred_at").orElseThrow(),
        Optional.ofNullable(from).map(JobState::valueOf),
        JobState.valueOf(rs.getString("to_state")),
        rs.getString("message"));
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
  }

  /** The states {@code which} picks, as an SQL list: {@code ('QUEUED', 'PREPARING', …)}. */
  static String states(java.util.function.Predicate<JobState> which) {
    return java.util.Arrays.stream(JobState.values())
        .filter(which)
        .map(s -> "'" + s.name() + "'")
        .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
  }
}
