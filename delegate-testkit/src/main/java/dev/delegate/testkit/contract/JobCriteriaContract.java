package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.criteria.Criterion;
import dev.delegate.core.criteria.CriterionVerdict;
import dev.delegate.core.criteria.JobCriteria;
import dev.delegate.core.criteria.Verdict;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.job.FollowUp;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.Task;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How every store keeps acceptance criteria: a task's, with their check commands, in order; a
 * job's, as it was enqueued with them, and the verdicts recorded on them; a follow-up job carries
 * them over. Verdicts of many jobs recorded at once are each kept whole.
 */
public abstract class JobCriteriaContract extends JobStoreFixture {
  protected static final List<Criterion> CRITERIA =
      List.of(
          Criterion.of("Button appears in header"),
          Criterion.checked("Exports data as JSON", "npm test -- export"),
          Criterion.checked("CHANGELOG.md mentions it", "grep -q Export CHANGELOG.md"));

  private static NewJob withCriteria(String id, int pr) {
    return new NewJob(
        id, REPO, pr, "feature/export-" + pr, "Add an export button", Budget.NONE, CRITERIA);
  }

  private static List<CriterionVerdict> verdicts(String evidence) {
    return List.of(
        CriterionVerdict.judged(CRITERIA.get(0), Verdict.MET, "app.js:12 " + evidence),
        new CriterionVerdict(CRITERIA.get(1), Verdict.NOT_MET, "1 failing", Optional.of(1)),
        new CriterionVerdict(CRITERIA.get(2), Verdict.MET, "", Optional.of(0)));
  }

  @Test
  void should_keep_the_criteria_a_job_was_enqueued_with_in_order_without_verdicts() {
    store.enqueue(withCriteria("job-1", 1), at(0));
    store.enqueue(newJob("job-2", 2), at(0));

    JobCriteria kept = store.criteria("job-1");
    assertThat(kept.criteria()).isEqualTo(CRITERIA);
    assertThat(kept.verdicts()).isEmpty();
    assertThat(kept.checked()).isFalse();
    assertThat(store.criteria("job-2")).isEqualTo(JobCriteria.NONE);
    assertThat(store.criteria("nobody")).isEqualTo(JobCriteria.NONE);
  }

  @Test
  void should_record_verdicts_and_replace_them_on_a_later_check() {
    store.enqueue(withCriteria("job-1", 1), at(0));

    assertThat(store.recordVerdicts("job-1", verdicts("first"))).isTrue();
    assertThat(store.recordVerdicts("job-1", verdicts("second"))).isTrue();

    JobCriteria kept = store.criteria("job-1");
    assertThat(kept.verdicts()).isEqualTo(verdicts("second"));
    assertThat(kept.verdicts().get(1).exitCode()).hasValue(1);
    assertThat(kept.verdicts().get(0).exitCode()).isEmpty();
    assertThat(kept.verdicts().get(2).evidence()).isEmpty();
  }

  @Test
  void should_refuse_verdicts_that_do_not_match_the_criteria() {
    store.enqueue(withCriteria("job-1", 1), at(0));
    store.enqueue(newJob("job-2", 2), at(0));

    assertThat(store.recordVerdicts("job-1", verdicts("x").subList(0, 2))).isFalse();
    assertThat(store.recordVerdicts("job-1", List.of())).isFalse();
    assertThat(store.recordVerdicts("job-2", verdicts("x"))).isFalse();
    assertThat(store.recordVerdicts("nobody", verdicts("x"))).isFalse();
    assertThat(store.criteria("job-1").verdicts()).isEmpty();
  }

  @Test
  void should_keep_the_verdicts_when_the_job_moves_on() {
    store.enqueue(withCriteria("job-1", 1), at(0));
    Job job = claimAndMove("node-a", at(1), JobState.RUNNING);
    store.recordVerdicts(job.id(), verdicts("x"));

    store.transition(job.id(), "node-a", JobState.COMMITTING, "c", JobChange.NONE, at(2));
    store.transition(job.id(), "node-a", JobState.SUCCEEDED, "s", JobChange.commit("abc"), at(3));

    assertThat(store.criteria("job-1").verdicts()).isEqualTo(verdicts("x"));
  }

  @Test
  void should_carry_the_criteria_over_to_a_follow_up_job_without_the_verdicts() {
    store.enqueue(withCriteria("job-1", 1), at(0));
    Job job = claimAndMove("node-a", at(1), JobState.RUNNING, JobState.COMMITTING);
    store.recordVerdicts(job.id(), verdicts("x"));
    store.transition(job.id(), "node-a", JobState.SUCCEEDED, "s", JobChange.commit("abc"), at(2));

    NewJob next =
        FollowUp.of(store, store.find("job-1").orElseThrow(), "job-2", Optional.of("Fix the test"));
    assertThat(store.enqueue(next, at(3)).created()).isTrue();

    assertThat(next.taskDetails())
        .isEqualTo("Add an export button Additional instructions: Fix the test");
    assertThat(next.branch()).isEqualTo(job.branch());
    assertThat(store.criteria("job-2")).isEqualTo(new JobCriteria(CRITERIA, List.of()));
  }

  @Test
  void should_keep_a_tasks_check_commands_and_give_them_to_its_job() {
    if (stores.tasks() == null) {
      return;
    }
    Task task = new Task("Add Export Button", "Add an export button", "", CRITERIA);
    stores
        .tasks()
        .create(StoredTask.submitted("t-1", task, REPO, "main", "feature/export-1", at(0)));
    PullRequest pr =
        new PullRequest(REPO, 1, "t", "b", "main", "feature/export-1", "open", "http://pr/1");

    assertThat(stores.tasks().delegate("t-1", pr, withCriteria("job-1", 1), at(1))).isPresent();

    assertThat(stores.tasks().find("t-1").orElseThrow().task().criteria()).isEqualTo(CRITERIA);
    assertThat(stores.tasks().recent(5).getFirst().task().criteria()).isEqualTo(CRITERIA);
    assertThat(store.criteria("job-1").criteria()).isEqualTo(CRITERIA);
  }

  @Test
  void should_keep_every_jobs_verdicts_whole_when_many_record_at_once() throws Exception {
    int jobs = 12;
    for (int i = 0; i < jobs; i++) {
      store.enqueue(withCriteria("job-" + i, i + 1), at(0));
    }

    List<Boolean> recorded =
        Race.run(jobs * 2, i -> store.recordVerdicts("job-" + (i % jobs), verdicts("w" + i)));

    assertThat(recorded).containsOnly(true);
    for (int i = 0; i < jobs; i++) {
      List<CriterionVerdict> kept = store.criteria("job-" + i).verdicts();
      assertThat(List.of(verdicts("w" + i), verdicts("w" + (i + jobs))))
          .as("one writer's verdicts, not a mix")
          .contains(kept);
    }
  }
}
