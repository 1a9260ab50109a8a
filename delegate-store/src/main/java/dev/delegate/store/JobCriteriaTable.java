package dev.delegate.store;

import dev.delegate.core.criteria.Criterion;
import dev.delegate.core.criteria.CriterionVerdict;
import dev.delegate.core.criteria.JobCriteria;
import dev.delegate.core.criteria.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** A job's acceptance criteria and their verdicts, one row each in {@code job_criteria}. */
final class JobCriteriaTable {
  private JobCriteriaTable() {}

  /** Stores the criteria a job was enqueued with, inside the caller's transaction. */
  static void insert(Handle h, String jobId, List<Criterion> criteria) {
    if (criteria.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO job_criteria (job_id, position, criterion, check_command)"
                + " VALUES (:job, :position, :criterion, :check)");
    for (int i = 0; i < criteria.size(); i++) {
      batch
          .bind("job", jobId)
          .bind("position", i)
          .bind("criterion", criteria.get(i).text())
          .bind("check", criteria.get(i).check().orElse(null))
          .add();
    }
    batch.execute();
  }

  static JobCriteria read(Handle h, String jobId) {
    List<Criterion> criteria = new ArrayList<>();
    List<CriterionVerdict> verdicts = new ArrayList<>();
    h.createQuery(
            "SELECT criterion, check_command, verdict, evidence, exit_code FROM job_criteria"
                + " WHERE job_id = :job ORDER BY position")
        .bind("job", jobId)
        .map(
            (rs, ctx) -> {
              Criterion criterion =
                  new Criterion(
                      rs.getString("criterion"),
                      Optional.ofNullable(rs.getString("check_command")));
              criteria.add(criterion);
              String verdict = rs.getString("verdict");
              if (verdict != null) {
                int code = rs.getInt("exit_code");
                Optional<Integer> exitCode = rs.wasNull() ? Optional.empty() : Optional.of(code);
                verdicts.add(
                    new CriterionVerdict(
                        criterion, Verdict.valueOf(verdict), rs.getString("evidence"), exitCode));
              }
              return criterion;
            })
        .list();
    return new JobCriteria(
        criteria, verdicts.size() == criteria.size() ? verdicts : List.<CriterionVerdict>of());
  }

  /**
   * Writes one verdict per criterion inside the caller's transaction; false when the job has
   * another number of criteria (or none, or does not exist).
   */
  static boolean recordVerdicts(Handle h, String jobId, List<CriterionVerdict> verdicts) {
    int rows =
        h.createQuery("SELECT COUNT(*) FROM job_criteria WHERE job_id = :job")
            .bind("job", jobId)
            .mapTo(Integer.class)
            .one();
    if (verdicts.isEmpty() || rows != verdicts.size()) {
      return false;
    }
    PreparedBatch batch =
        h.prepareBatch(
            "UPDATE job_criteria SET verdict = :verdict, evidence = :evidence, exit_code = :code"
                + " WHERE job_id = :job AND position = :position");
    for (int i = 0; i < verdicts.size(); i++) {
      CriterionVerdict v = verdicts.get(i);
      batch
          .bind("verdict", v.verdict().name())
          .bind("evidence", v.evidence())
          .bindByType("code", v.exitCode().orElse(null), Integer.class)
          .bind("job", jobId)
          .bind("position", i)
          .add();
    }
    batch.execute();
    return true;
  }
}
