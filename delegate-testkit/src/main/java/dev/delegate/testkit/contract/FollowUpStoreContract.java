package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.followup.FollowUpComment;
import dev.delegate.core.followup.FollowUpStore;
import dev.delegate.core.followup.FollowUpStore.CapReached;
import dev.delegate.core.followup.FollowUpStore.Nothing;
import dev.delegate.core.followup.FollowUpStore.PullRequestKey;
import dev.delegate.core.followup.FollowUpStore.Started;
import dev.delegate.core.followup.FollowUpStore.Waiting;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FollowUpStore} must do, with the job and task stores of its engine. */
public abstract class FollowUpStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
  protected static final RepoRef REPO = new RepoRef("local", "sample-app");
  private static final Duration QUIET = Duration.ofSeconds(60);
  private static final Budget BUDGET =
      new Budget(Optional.of(new BigDecimal("2.5")), Optional.empty());

  /** The stores of one engine, opened empty for one test. */
  public record Engine(
      FollowUpStore followUps, JobStore jobs, TaskStore tasks, AutoCloseable close) {}

  protected abstract Engine openEngine() throws Exception;

  private Engine engine;
  private FollowUpStore store;
  private JobStore jobs;

  @BeforeEach
  public void open() throws Exception {
    engine = openEngine();
    store = engine.followUps();
    jobs = engine.jobs();
  }

  @AfterEach
  public void close() throws Exception {
    engine.close().close();
  }

  /** A delegated task whose job for pull request {@code number} has ended; returns its job id. */
  private String delegatedAndEnded(int number) {
    String taskId = "t-" + number;
    String branch = "feature/task-" + number;
    engine
        .tasks()
        .create(
            StoredTask.submitted(
                taskId,
                new Task("Task " + number, "Do it", "", List.of()),
                REPO,
                "main",
                branch,
                T0));
    String jobId = "j-" + number;
    PullRequest pr = new PullRequest(REPO, number, "Task", "", "main", branch, "open", "url");
    engine
        .tasks()
        .delegate(
            taskId, pr, new NewJob(jobId, REPO, number, branch, "details " + number, BUDGET), T0);
    end(jobId);
    return jobId;
  }

  private void end(String jobId) {
    assertThat(jobs.cancel(jobId, "ended for the test", T0)).isEqualTo(JobStore.Cancel.CANCELLED);
  }

  private static FollowUpComment remark(String key, int number, Instant at) {
    return new FollowUpComment(
        key,
        REPO,
        number,
        FollowUpComment.Kind.COMMENT,
        "octocat",
        "Please fix " + key,
        Optional.of("app.js"),
        Optional.of(3),
        Optional.of("@@ -1 +1 @@"),
        at);
  }

  private static NewJob followUp(Job previous, List<FollowUpComment> comments) {
    String keys = String.join(",", comments.stream().map(FollowUpComment::key).toList());
    return new NewJob(
        UUID.randomUUID().toString(),
        previous.repo(),
        previous.prNumber(),
        previous.branch(),
        previous.taskDetails() + " remarks:" + keys,
        previous.budget());
  }

  private FollowUpStore.Outcome start(int number, Instant now, int max) {
    return store.start(
        new PullRequestKey(REPO, number),
        now.minus(QUIET),
        max,
        FollowUpStoreContract::followUp,
        now);
  }

  @Test
  public void should_keep_a_remark_once_however_often_it_is_delivered() {
    delegatedAndEnded(1);
    assertThat(store.add(remark("r-1", 1, T0))).isTrue();
    assertThat(store.add(remark("r-1", 1, T0.plusSeconds(5)))).isFalse();

    assertThat(store.comments(REPO, 1)).containsExactly(remark("r-1", 1, T0));
  }

  @Test
  public void should_wait_for_the_debounce_after_the_last_remark() {
    delegatedAndEnded(1);
    store.add(remark("r-1", 1, T0));
    store.add(remark("r-2", 1, T0.plusSeconds(30)));

    Instant early = T0.plusSeconds(70);
    assertThat(store.due(early.minus(QUIET), 10)).isEmpty();
    assertThat(start(1, early, 3)).isInstanceOf(Nothing.class);

    Instant later = T0.plusSeconds(91);
    assertThat(store.due(later.minus(QUIET), 10)).containsExactly(new PullRequestKey(REPO, 1));
  }

  @Test
  public void should_make_one_job_on_the_same_branch_with_every_pending_remark_and_move_the_task() {
    String previous = delegatedAndEnded(1);
    store.add(remark("r-1", 1, T0));
    store.add(remark("r-2", 1, T0.plusSeconds(1)));
    store.add(remark("r-3", 1, T0.plusSeconds(2)));

    Instant now = T0.plusSeconds(100);
    Started started = (Started) start(1, now, 3);

    assertThat(started.previousJobId()).isEqualTo(previous);
    assertThat(started.comments())
        .extracting(FollowUpComment::key)
        .containsExactly("r-1", "r-2", "r-3");
    assertThat(started.used()).isEqualTo(1);
    Job job = jobs.find(started.job().id()).orElseThrow();
    assertThat(job.branch()).isEqualTo("feature/task-1");
    assertThat(job.budget()).isEqualTo(BUDGET);
    assertThat(job.taskDetails()).isEqualTo("details 1 remarks:r-1,r-2,r-3");
    assertThat(engine.tasks().find("t-1").orElseThrow().jobId()).contains(job.id());
    assertThat(store.followUps(REPO, 1)).isEqualTo(1);
    assertThat(start(1, now, 3)).isInstanceOf(Nothing.class);
    assertThat(store.due(now, 10)).isEmpty();
  }

  @Test
  public void should_keep_remarks_waiting_while_a_job_of_the_pull_request_is_active() {
    delegatedAndEnded(1);
    store.add(remark("r-1", 1, T0));
    Started first = (Started) start(1, T0.plusSeconds(100), 3);
    store.add(remark("r-2", 1, T0.plusSeconds(101)));

    Instant now = T0.plusSeconds(200);
    assertThat(start(1, now, 3)).isEqualTo(new Waiting(first.job().id()));
    assertThat(store.due(now.minus(QUIET), 10)).as("waiting for the active job").isEmpty();

    end(first.job().id());
    assertThat(store.due(now.minus(QUIET), 10)).containsExactly(new PullRequestKey(REPO, 1));
    Started second = (Started) start(1, now, 3);
    assertThat(second.comments()).extracting(FollowUpComment::key).containsExactly("r-2");
    assertThat(second.previousJobId()).isEqualTo(first.job().id());
    assertThat(engine.tasks().find("t-1").orElseThrow().jobId()).contains(second.job().id());
  }

  @Test
  public void should_set_remarks_aside_past_the_cap_and_say_so_once() {
    delegatedAndEnded(1);
    store.add(remark("r-1", 1, T0));
    Started first = (Started) start(1, T0.plusSeconds(100), 1);
    end(first.job().id());

    store.add(remark("r-2", 1, T0.plusSeconds(101)));
    assertThat(start(1, T0.plusSeconds(200), 1)).isEqualTo(new CapReached(true));
    store.add(remark("r-3", 1, T0.plusSeconds(201)));
    assertThat(start(1, T0.plusSeconds(300), 1)).isEqualTo(new CapReached(false));

    assertThat(store.due(T0.plusSeconds(300), 10)).isEmpty();
    assertThat(store.followUps(REPO, 1)).isEqualTo(1);
    assertThat(jobs.findByPullRequest(REPO, 1).orElseThrow().id()).isEqualTo(first.job().id());
  }

  @Test
  public void should_start_one_job_when_many_nodes_sweep_one_pull_request_at_once()
      throws Exception {
    delegatedAndEnded(1);
    for (int i = 0; i < 5; i++) {
      store.add(remark("r-" + i, 1, T0.plusMillis(i)));
    }
    List<FollowUpStore.Outcome> outcomes = Race.run(8, i -> start(1, T0.plusSeconds(100), 3));

    assertThat(outcomes.stream().filter(Started.class::isInstance)).hasSize(1);
    Started started =
        (Started) outcomes.stream().filter(Started.class::isInstance).findFirst().orElseThrow();
    assertThat(started.comments()).hasSize(5);
    assertThat(store.followUps(REPO, 1)).isEqualTo(1);
  }

  @Test
  public void should_put_every_remark_in_exactly_one_job_while_remarks_and_sweeps_race()
      throws Exception {
    int prs = 6;
    int remarksPerPr = 12;
    for (int n = 1; n <= prs; n++) {
      delegatedAndEnded(n);
    }
    AtomicInteger clockMillis = new AtomicInteger();
    List<String> startedJobs = java.util.Collections.synchronizedList(new ArrayList<>());
    Race.run(
        prs * 2,
        i -> {
          int number = i / 2 + 1;
          for (int r = 0; r < remarksPerPr; r++) {
            if (i % 2 == 0) {
              store.add(
                  remark(
                      "pr" + number + "-r" + r,
                      number,
                      T0.plusMillis(clockMillis.incrementAndGet())));
            } else if (start(number, T0.plusSeconds(3600), 100) instanceof Started s) {
              startedJobs.add(s.job().id());
              end(s.job().id());
            }
          }
          return null;
        });
    for (int n = 1; n <= prs; n++) {
      if (start(n, T0.plusSeconds(3600), 100) instanceof Started s) {
        startedJobs.add(s.job().id());
      }
    }

    Set<String> carried = new HashSet<>();
    int total = 0;
    for (String id : startedJobs) {
      String details = jobs.find(id).orElseThrow().taskDetails();
      for (String key : details.substring(details.lastIndexOf("remarks:") + 8).split(",")) {
        total++;
        carried.add(key);
      }
    }
    assertThat(total).isEqualTo(prs * remarksPerPr);
    assertThat(carried).hasSize(prs * remarksPerPr);
    assertThat(store.due(T0.plusSeconds(3600), 100)).isEmpty();
  }
}
