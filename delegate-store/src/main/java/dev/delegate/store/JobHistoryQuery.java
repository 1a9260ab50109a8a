package dev.delegate.store;

import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.JobHistory;
import dev.delegate.core.job.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link dev.delegate.core.job.JobStore#history} in one statement, so both parts come from one
 * snapshot while jobs keep moving (PostgreSQL and H2 each read a statement from one snapshot): the
 * events of the window, found through {@code job_events_occurred}, with only the start of an
 * approval note's message; then the active jobs without an event since, each as one row without a
 * {@code seq}.
 */
final class JobHistoryQuery {
  private static final String ACTIVE = JobRows.states(JobState::isActive);

  private static final String SQL =
      "SELECT e.seq, e.job_id, j.created_at, e.occurred_at, e.from_state, e.to_state,"
          + " CASE WHEN e.from_state = e.to_state AND e.message LIKE '"
          + JobEvent.APPROVAL_NOTE
          + "%' THEN SUBSTRING(e.message FROM 1 FOR "
          + JobHistory.APPROVAL_CHARS
          + ") ELSE '' END AS approval"
          + " FROM job_events e JOIN jobs j ON j.id = e.job_id WHERE e.occurred_at >= :since"
          + " UNION ALL"
          + " SELECT CAST(NULL AS BIGINT), j.id, j.created_at, CAST(NULL AS BIGINT), j.state,"
          + " j.state, '' FROM jobs j WHERE j.state IN "
          + ACTIVE
          + " AND NOT EXISTS (SELECT 1 FROM job_events e WHERE e.job_id = j.id"
          + " AND e.occurred_at >= :since)";

  /** One row: an event (with its {@code seq}) or an unchanged active job ({@code seq} 0). */
  private record Row(long seq, JobHistory.Entry entry) {}

  private JobHistoryQuery() {}

  static JobHistory read(Handle h, Instant since) {
    List<Row> rows =
        h.createQuery(SQL)
            .bind("since", since.toEpochMilli())
            .map(
                (rs, ctx) -> {
                  long seq = rs.getLong(1);
                  boolean unchanged = rs.wasNull();
                  String from = rs.getString(5);
                  long at = rs.getLong(4);
                  return new Row(
                      unchanged ? 0 : seq,
                      new JobHistory.Entry(
                          rs.getString(2),
                          Instant.ofEpochMilli(rs.getLong(3)),
                          Instant.ofEpochMilli(at),
                          Optional.ofNullable(from).map(JobState::valueOf),
                          JobState.valueOf(rs.getString(6)),
                          rs.getString(7)));
                })
            .list();
    Map<String, JobState> unchanged = new HashMap<>();
    List<JobHistory.Entry> events = new ArrayList<>();
    rows.stream()
        .sorted(Comparator.comparingLong(Row::seq))
        .forEach(
            row -> {
              if (row.seq() == 0) {
                unchanged.put(row.entry().jobId(), row.entry().to());
              } else {
                events.add(row.entry());
              }
            });
    return new JobHistory(events, unchanged);
  }
}
