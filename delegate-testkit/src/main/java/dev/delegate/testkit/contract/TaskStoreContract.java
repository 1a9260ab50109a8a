package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskState;
import dev.delegate.core.task.TaskStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TaskStore} must do, with the job store beside it. */
public abstract class TaskStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
  protected static final RepoRef REPO = new RepoRef("local", "sample-app");
  protected static final Task EXPORT =
      Task.of(
          "Add Export Button",
          "Add an export button to the UI",
          "Use existing button styles",
          List.of("Button appears in header", "Exports data as JSON"));

  private Stores stores;
  protected TaskStore tasks;
  protected JobStore jobs;

  /** Opens this test's stores, empty; the task store beside the job store of the same engine. */
  protected abstract Stores openStores() throws Exception;

  @BeforeEach
  public void open() throws Exception {
    stores = openStores();
    tasks = stores.tasks();
    jobs = stores.jobs();
  }

  @AfterEach
  public void close() throws Exception {
    stores.close().close();
  }

  private static StoredTask submitted(String id, Instant at) {
    return StoredTask.submitted(id, EXPORT, REPO, "main", "feature/add-export-button-1", at);
  }

  private static PullRequest pr(int number) {
    return new PullRequest(
        REPO,
        number,
        EXPORT.title(),
        "body",
        "main",
        "feature/add-export-button-1",
        "open",
        "http://127.0.0.1:8080/prs/local/sample-app/" + number);
  }

  private static NewJob job(String id, int number) {
    return new NewJob(id, REPO, number, "feature/add-export-button-1", "details");
  }

  @Test
  public void should_store_a_submitted_task_with_its_criteria_in_order() {
    tasks.create(submitted("t-1", T0));

    StoredTask stored = tasks.find("t-1").orElseThrow();
    assertThat(stored).isEqualTo(submitted("t-1", T0));
    assertThat(stored.task().acceptanceCriteria())
        .containsExactly("Button appears in header", "Exports data as JSON");
    assertThat(stored.state()).isEqualTo(TaskState.SUBMITTED);
    assertThat(tasks.find("nope")).isEmpty();
  }

  @Test
  public void should_record_the_pull_request_and_enqueue_the_job_together() {
    tasks.create(submitted("t-1", T0));

    TaskStore.Delegated delegated =
        tasks.delegate("t-1", pr(3), job("j-1", 3), T0.plusSeconds(1)).orElseThrow();

    assertThat(delegated.enqueued().created()).isTrue();
    StoredTask stored = tasks.find("t-1").orElseThrow();
    assertThat(delegated.task()).isEqualTo(stored);
    assertThat(stored.state()).isEqualTo(TaskState.DELEGATED);
    assertThat(stored.prNumber()).contains(3);
    assertThat(stored.prUrl()).contains("http://127.0.0.1:8080/prs/local/sample-app/3");
    assertThat(stored.jobId()).contains("j-1");
    assertThat(jobs.find("j-1").orElseThrow().state()).isEqualTo(JobState.QUEUED);
    assertThat(jobs.find("j-1").orElseThrow().taskDetails()).isEqualTo("details");
  }

  @Test
  public void should_keep_the_budget_a_task_was_submitted_with() {
    Budget budget =
        new Budget(
            Optional.of(new java.math.BigDecimal("0.5")),
            Optional.of(new java.math.BigDecimal("3")));
    tasks.create(submitted("t-1", T0).withBudget(budget));
    tasks.create(submitted("t-2", T0));

    assertThat(tasks.find("t-1").orElseThrow().budget()).isEqualTo(budget);
    assertThat(tasks.find("t-2").orElseThrow().budget()).isEqualTo(Budget.NONE);
  }

  @Test
  public void should_delegate_a_task_only_once() {
    tasks.create(submitted("t-1", T0));
    assertThat(tasks.delegate("t-1", pr(3), job("j-1", 3), T0)).isPresent();

    assertThat(tasks.delegate("t-1", pr(4), job("j-2", 4), T0)).isEmpty();
    assertThat(jobs.find("j-2")).isEmpty();
    assertThat(tasks.delegate("missing", pr(5), job("j-3", 5), T0)).isEmpty();
    assertThat(jobs.find("j-3")).isEmpty();
  }

  @Test
  public void should_roll_back_the_task_when_the_job_cannot_be_stored() {
    tasks.create(submitted("t-1", T0));
    tasks.create(submitted("t-2", T0));
    assertThat(tasks.delegate("t-1", pr(3), job("j-1", 3), T0)).isPresent();

    // the job id is taken by another pull request: the enqueue fails, and so does the update
    try {
      tasks.delegate("t-2", pr(4), job("j-1", 4), T0);
    } catch (RuntimeException expected) {
      // refused
    }

    assertThat(tasks.find("t-2").orElseThrow().state()).isEqualTo(TaskState.SUBMITTED);
    assertThat(tasks.find("t-2").orElseThrow().prNumber()).isEmpty();
  }

  @Test
  public void should_fail_a_submitted_task_with_its_reason() {
    tasks.create(submitted("t-1", T0));

    assertThat(tasks.fail("t-1", "branch exists", T0)).isTrue();
    assertThat(tasks.fail("t-1", "again", T0)).isFalse();

    StoredTask stored = tasks.find("t-1").orElseThrow();
    assertThat(stored.state()).isEqualTo(TaskState.FAILED);
    assertThat(stored.failure()).contains("branch exists");
    assertThat(tasks.delegate("t-1", pr(3), job("j-1", 3), T0)).isEmpty();
  }

  @Test
  public void should_hand_out_each_half_made_delegation_once_per_period() throws Exception {
    for (int i = 1; i <= 12; i++) {
      tasks.create(submitted("t-" + i, T0.plusMillis(i)));
    }
    tasks.create(submitted("t-new", T0.plusSeconds(100)));
    tasks.create(submitted("t-done", T0));
    tasks.delegate("t-done", pr(1), job("j-1", 1), T0);
    Instant before = T0.plusSeconds(60);
    Instant now = T0.plusSeconds(61);

    List<List<StoredTask>> taken = Race.run(6, i -> tasks.claimUnfinished(before, now, 5));

    List<StoredTask> rest = tasks.claimUnfinished(before, now, 50); // left by lost races
    List<String> ids =
        java.util.stream.Stream.concat(taken.stream().flatMap(List::stream), rest.stream())
            .map(StoredTask::id)
            .toList();
    assertThat(ids)
        .doesNotHaveDuplicates()
        .hasSize(12)
        .doesNotContain("t-new", "t-done")
        .allSatisfy(id -> assertThat(id).startsWith("t-"));
    assertThat(taken.stream().flatMap(List::stream))
        .allSatisfy(t -> assertThat(t.state()).isEqualTo(TaskState.SUBMITTED));
    assertThat(tasks.claimUnfinished(before, now, 50))
        .as("touched: not before " + before)
        .isEmpty();
    assertThat(tasks.claimUnfinished(now.plusSeconds(60), now.plusSeconds(61), 50))
        .extracting(StoredTask::id)
        .hasSize(13)
        .contains("t-new");
  }

  @Test
  public void should_list_tasks_newest_first() {
    tasks.create(submitted("t-1", T0));
    tasks.create(submitted("t-2", T0.plusSeconds(2)));
    tasks.create(submitted("t-3", T0.plusSeconds(1)));

    assertThat(tasks.recent(10)).extracting(StoredTask::id).containsExactly("t-2", "t-3", "t-1");
    assertThat(tasks.recent(1)).extracting(StoredTask::id).containsExactly("t-2");
    assertThat(tasks.recent(0)).isEmpty();
    assertThat(tasks.recent(10).get(0).task().acceptanceCriteria()).hasSize(2);
  }
}
