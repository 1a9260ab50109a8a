package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.JobKind;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.JobStore.Enqueued;
import dev.delegate.core.job.NewJob;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do, whatever keeps the jobs. A subclass opens an empty store of
 * its engine for each test: H2 in a temporary directory, the in-memory store of the test kit, later
 * PostgreSQL in a fresh schema.
 */
public abstract class JobStoreContract extends JobStoreFixture {
  @Test
  public void should_store_a_queued_job_with_its_first_event() {
    Enqueued enqueued = store.enqueue(newJob("job-1", 7), T0);

    assertThat(enqueued.created()).isTrue();
    Job job = store.find("job-1").orElseThrow();
    assertThat(enqueued.job()).isEqualTo(job);
    assertThat(job.repo()).isEqualTo(REPO);
    assertThat(job.prNumber()).isEqualTo(7);
    assertThat(job.branch()).isEqualTo("feature/export-7");
    assertThat(job.taskDetails()).isEqualTo("Add an export button");
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.attempts()).isZero();
    assertThat(job.createdAt()).isEqualTo(T0);
    assertThat(job.updatedAt()).isEqualTo(T0);
    assertThat(job.notBefore()).isEqualTo(T0);
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.leaseExpiresAt()).isEmpty();
    assertThat(job.commitSha()).isEmpty();
    assertThat(job.failure()).isEmpty();
    assertThat(job.transcript()).isEmpty();
    assertThat(job.kind()).isEqualTo(JobKind.TASK);
    List<JobEvent> events = store.events("job-1");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).from()).isEmpty();
    assertThat(events.get(0).to()).isEqualTo(JobState.QUEUED);
    assertThat(events.get(0).at()).isEqualTo(T0);
    assertThat(events.get(0).jobId()).isEqualTo("job-1");
  }

  @Test
  public void should_keep_a_rebase_job_marked_as_one_through_its_claim() {
    NewJob task = newJob("job-1", 7);
    store.enqueue(
        new NewJob(
            "job-1",
            task.repo(),
            7,
            task.branch(),
            task.taskDetails(),
            task.budget(),
            JobKind.REBASE),
        T0);

    assertThat(store.find("job-1").orElseThrow().kind()).isEqualTo(JobKind.REBASE);
    assertThat(store.claim("node-a", LEASE, at(1)).orElseThrow().kind()).isEqualTo(JobKind.REBASE);
  }

  @Test
  public void should_return_the_active_job_and_store_nothing_when_enqueued_again() {
    store.enqueue(newJob("job-1", 7), T0);
    assertThat(store.claim("node-a", LEASE, at(1))).isPresent();

    Enqueued again = store.enqueue(newJob("job-2", 7), at(2));

    assertThat(again.created()).isFalse();
    assertThat(again.job().id()).isEqualTo("job-1");
    assertThat(again.job().state()).isEqualTo(JobState.PREPARING);
    assertThat(store.find("job-2")).isEmpty();
    assertThat(store.recent(10)).hasSize(1);
    assertThat(store.events("job-1")).hasSize(2);
  }

  @Test
  public void should_return_the_stored_job_when_the_same_id_is_enqueued_again() {
    store.enqueue(newJob("job-1", 7), T0);

    Enqueued again = store.enqueue(newJob("job-1", 7), at(1));

    assertThat(again.created()).isFalse();
    assertThat(again.job().createdAt()).isEqualTo(T0);
    assertThat(store.events("job-1")).hasSize(1);
  }

  @Test
  public void should_create_a_new_job_once_the_previous_one_is_no_longer_active() {
    store.enqueue(newJob("job-1", 7), T0);
    claimAndMove("node-a", at(1), JobState.RUNNING, JobState.COMMITTING, JobState.SUCCEEDED);

    Enqueued second = store.enqueue(newJob("job-2", 7), at(2));
    assertThat(second.created()).isTrue();
    assertThat(second.job().id()).isEqualTo("job-2");
    assertThat(store.transition("job-2", null, JobState.CANCELLED, "no", JobChange.NONE, at(3)))
        .isTrue();
    Enqueued third = store.enqueue(newJob("job-3", 7), at(3));

    assertThat(third.created()).isTrue();
    assertThat(store.findByPullRequest(REPO, 7).map(Job::id)).contains("job-3");
  }

  @Test
  public void should_store_one_job_when_eight_threads_enqueue_the_same_pull_request()
      throws Exception {
    for (int pr = 1; pr <= 5; pr++) {
      int prNumber = pr;
      List<Enqueued> results =
          Race.run(8, i -> store.enqueue(newJob("job-" + prNumber + "-" + i, prNumber), T0));

      assertThat(results).filteredOn(Enqueued::created).hasSize(1);
      assertThat(results.stream().map(r -> r.job().id()).distinct()).hasSize(1);
    }
    assertThat(store.recent(100)).hasSize(5);
  }

  @Test
  public void should_claim_the_oldest_due_job_first() {
    store.enqueue(newJob("job-1", 1), at(0));
    store.enqueue(newJob("job-2", 2), at(1));
    store.enqueue(newJob("job-3", 3), at(2));

    List<String> order = new ArrayList<>();
    store.claim("node-a", LEASE, at(5)).ifPresent(j -> order.add(j.id()));
    store.claim("node-a", LEASE, at(5)).ifPresent(j -> order.add(j.id()));
    store.claim("node-a", LEASE, at(5)).ifPresent(j -> order.add(j.id()));

    assertThat(order).containsExactly("job-1", "job-2", "job-3");
    assertThat(store.claim("node-a", LEASE, at(5))).isEmpty();
  }

  @Test
  public void should_not_claim_a_job_before_it_is_due() {
    store.enqueue(newJob("job-1", 1), at(0));
    assertThat(store.claim("node-a", LEASE, at(0).minusMillis(1))).isEmpty();
    Job claimed = store.claim("node-a", LEASE, at(0)).orElseThrow();
    JobChange retry = JobChange.retryAt(at(60), "agent crashed");
    assertThat(store.transition("job-1", "node-a", JobState.QUEUED, "retry", retry, at(1)))
        .isTrue();

    assertThat(store.claim("node-b", LEASE, at(59))).isEmpty();
    Job again = store.claim("node-b", LEASE, at(60)).orElseThrow();

    assertThat(claimed.attempts()).isEqualTo(1);
    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.notBefore()).isEqualTo(at(60));
    assertThat(again.failure()).as("the retry's reason is history once it runs again").isEmpty();
    assertThat(store.events("job-1")).anySatisfy(e -> assertThat(e.message()).isEqualTo("retry"));
  }

  @Test
  public void should_keep_the_reason_of_a_retry_while_the_job_waits_for_it() {
    store.enqueue(newJob("job-1", 1), at(0));
    assertThat(store.claim("node-a", LEASE, at(0))).isPresent();
    JobChange retry = JobChange.retryAt(at(60), "agent crashed");
    store.transition("job-1", "node-a", JobState.QUEUED, "retry", retry, at(1));

    assertThat(store.find("job-1").orElseThrow().failure()).contains("agent crashed");
  }

  @Test
  public void
      should_keep_the_question_apart_from_the_failure_and_clear_both_when_the_job_moves_on() {
    store.enqueue(newJob("job-1", 1), T0);
    claimAndMove("node-a", at(1), JobState.RUNNING);
    store.transition(
        "job-1",
        "node-a",
        JobState.NEEDS_INPUT,
        "asks",
        JobChange.question("Which colour?"),
        at(2));

    Job waiting = store.find("job-1").orElseThrow();
    assertThat(waiting.question()).contains("Which colour?");
    assertThat(waiting.failure()).isEmpty();

    store.transition("job-1", "node-a", JobState.RUNNING, "answered", JobChange.NONE, at(3));
    store.transition("job-1", "node-a", JobState.COMMITTING, "commit", JobChange.NONE, at(4));
    store.transition(
        "job-1", "node-a", JobState.SUCCEEDED, "pushed", JobChange.commit("abc123"), at(5));

    Job done = store.find("job-1").orElseThrow();
    assertThat(done.question()).isEmpty();
    assertThat(done.failure()).isEmpty();
    assertThat(done.commitSha()).contains("abc123");
  }

  @Test
  public void should_lease_the_claimed_job_to_its_owner() {
    store.enqueue(newJob("job-1", 1), T0);

    Job job = store.claim("node-a", LEASE, at(1)).orElseThrow();

    assertThat(job.state()).isEqualTo(JobState.PREPARING);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.leaseOwner()).contains("node-a");
    assertThat(job.leaseExpiresAt()).contains(at(1).plus(LEASE));
    assertThat(job.updatedAt()).isEqualTo(at(1));
    assertThat(store.find("job-1")).contains(job);
    JobEvent last = store.events("job-1").get(1);
    assertThat(last.from()).contains(JobState.QUEUED);
    assertThat(last.to()).isEqualTo(JobState.PREPARING);
    assertThat(last.message()).contains("node-a");
    assertThat(job.ranOn()).contains("node-a");
  }

  @Test
  public void should_remember_the_node_that_ran_a_job_last_after_its_lease_ends() {
    store.enqueue(newJob("job-1", 1), T0);
    assertThat(store.find("job-1").orElseThrow().ranOn()).isEmpty();
    assertThat(store.claim("node-a", LEASE, at(1))).isPresent();
    assertThat(store.giveBack("job-1", "node-a", "node shutting down", at(2))).isTrue();
    assertThat(store.find("job-1").orElseThrow().ranOn()).contains("node-a");

    claimAndMove("node-b", at(3), JobState.RUNNING, JobState.COMMITTING);
    assertThat(store.transition("job-1", "node-b", JobState.SUCCEEDED, "", JobChange.NONE, at(4)))
        .isTrue();

    Job job = store.find("job-1").orElseThrow();
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.ranOn()).contains("node-b");
  }

  @Test
  public void should_record_the_agent_of_the_last_attempt() {
    store.enqueue(newJob("job-1", 1), T0);
    assertThat(store.find("job-1").orElseThrow().agent()).isEmpty();
    assertThat(store.claim("node-a", "Kiro CLI", LEASE, at(1)).orElseThrow().agent())
        .contains("Kiro CLI");
    assertThat(store.giveBack("job-1", "node-a", "node shutting down", at(2))).isTrue();
    assertThat(store.find("job-1").orElseThrow().agent()).contains("Kiro CLI");
    assertThat(store.claim("node-b", "Claude Code", LEASE, at(3)).orElseThrow().agent())
        .contains("Claude Code");
    assertThat(store.find("job-1").orElseThrow().agent()).contains("Claude Code");
  }

  @Test
  public void should_give_each_job_to_one_claimer_when_several_claim_at_once() throws Exception {
    int jobs = 50;
    for (int i = 1; i <= jobs; i++) {
      store.enqueue(newJob("job-" + i, i), T0.plusMillis(i));
    }
    ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
    AtomicInteger left = new AtomicInteger(jobs);
    Instant deadline = Instant.now().plusSeconds(30);

    Race.run(
        6,
        i -> {
          while (left.get() > 0 && Instant.now().isBefore(deadline)) {
            store
                .claim("node-" + i, "agent " + i, LEASE, at(1))
                .ifPresent(
                    job -> {
                      claimed.add(job.id());
                      left.decrementAndGet();
                    });
          }
          return null;
        });

    assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates();
    assertThat(store.recent(jobs))
        .allSatisfy(
            job -> {
              assertThat(job.state()).isEqualTo(JobState.PREPARING);
              assertThat(job.attempts()).isEqualTo(1);
              assertThat(job.agent())
                  .as("the agent of the node that claimed it")
                  .contains("agent " + job.leaseOwner().orElseThrow().substring("node-".length()));
            });
    assertThat(store.claim("node-x", LEASE, at(1))).isEmpty();
  }

  @Test
  public void should_renew_the_lease_only_for_its_owner() {
    store.enqueue(newJob("job-1", 1), T0);
    assertThat(store.claim("node-a", LEASE, at(1))).isPresent();

    assertThat(store.renewLease("job-1", "node-b", LEASE, at(10))).isFalse();
    assertThat(store.find("job-1").flatMap(Job::leaseExpiresAt)).contains(at(1).plus(LEASE));
    assertThat(store.renewLease("job-1", "node-a", LEASE, at(10))).isTrue();
    assertThat(store.find("job-1").flatMap(Job::leaseExpiresAt)).contains(at(10).plus(LEASE));
    assertThat(store.renewLease("missing", "node-a", LEASE, at(10))).isFalse();
  }

  @Test
  public void should_refuse_a_move_the_table_does_not_allow() {
    store.enqueue(newJob("job-1", 1), T0);
    assertThat(store.claim("node-a", LEASE, at(1))).isPresent();

    boolean moved =
        store.transition("job-1", "node-a", JobState.SUCCEEDED, "skip", JobChange.NONE, at(2));

    assertThat(moved).isFalse();
    assertThat(store.find("job-1").map(Job::state)).contains(JobState.PREPARING);
    assertThat(store.events("job-1")).hasSize(2);
    assertThat(store.transition("missing", "node-a", JobState.RUNNING, "", JobChange.NONE, T0))
        .isFalse();
  }

  @Test
  public void should_refuse_a_move_by_a_node_that_does_not_hold_the_lease() {
    store.enqueue(newJob("job-1", 1), T0);
    assertThat(store.claim("node-a", LEASE, at(1))).isPresent();

    assertThat(store.transition("job-1", "node-b", JobState.RUNNING, "", JobChange.NONE, at(2)))
        .isFalse();
    assertThat(store.transition("job-1", null, JobState.CANCELLED, "", JobChange.NONE, at(2)))
        .isFalse();

    assertThat(store.find("job-1").map(Job::state)).contains(JobState.PREPARING);
    assertThat(store.events("job-1")).hasSize(2);
  }

  @Test
  public void should_take_a_queued_job_only_through_claim() {
    store.enqueue(newJob("job-1", 1), T0);

    assertThat(store.transition("job-1", "node-a", JobState.PREPARING, "", JobChange.NONE, T0))
        .isFalse();
    assertThat(store.find("job-1").map(Job::state)).contains(JobState.QUEUED);
  }

  @Test
  public void should_apply_the_change_and_clear_the_lease_when_leaving_the_leased_states() {
    store.enqueue(newJob("job-1", 1), T0);
    claimAndMove("node-a", at(1), JobState.RUNNING, JobState.COMMITTING);

    JobChange change = JobChange.commit("abc123").withTranscript("/data/t/job-1.log");
    assertThat(store.transition("job-1", "node-a", JobState.SUCCEEDED, "done", change, at(9)))
        .isTrue();

    Job job = store.find("job-1").orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.commitSha()).contains("abc123");
    assertThat(job.transcript()).contains("/data/t/job-1.log");
    assertThat(job.failure()).isEmpty();
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.leaseExpiresAt()).isEmpty();
    assertThat(job.updatedAt()).isEqualTo(at(9));
    assertThat(job.notBefore()).isEqualTo(T0);
  }

  @Test
  public void should_keep_the_lease_of_a_job_waiting_for_input_with_the_node_that_waits() {
    store.enqueue(newJob("job-1", 1), T0);
    claimAndMove("node-a", at(1), JobState.RUNNING, JobState.NEEDS_INPUT);
    assertThat(store.find("job-1").flatMap(Job::leaseOwner)).contains("node-a");
    assertThat(store.enqueue(newJob("job-2", 1), at(2)).created()).isFalse();

    assertThat(store.transition("job-1", "node-b", JobState.RUNNING, "", JobChange.NONE, at(5)))
        .isFalse();
    assertThat(store.renewLease("job-1", "node-a", LEASE, at(5))).isTrue();
    assertThat(store.transition("job-1", "node-a", JobState.RUNNING, "go", JobChange.NONE, at(6)))
        .isTrue();
    assertThat(store.find("job-1").flatMap(Job::leaseOwner)).contains("node-a");
  }

  @Test
  public void should_requeue_a_job_waiting_for_input_when_its_node_died() {
    store.enqueue(newJob("job-1", 1), T0);
    claimAndMove("node-a", at(1), JobState.RUNNING, JobState.NEEDS_INPUT);
    assertThat(store.takeBackExpired(at(1).plus(LEASE).plusSeconds(1), 3))
        .containsExactly(Map.entry("job-1", JobState.QUEUED));
    assertThat(store.find("job-1").map(Job::state)).contains(JobState.QUEUED);
  }

  @Test
  public void should_keep_one_answer_for_a_job_that_waits_for_input_until_the_job_moves_on() {
    store.enqueue(newJob("job-1", 1), T0);
    assertThat(store.provideInput("job-1", "too early", at(1))).isFalse();
    claimAndMove("node-a", at(1), JobState.RUNNING, JobState.NEEDS_INPUT);

    assertThat(store.provideInput("job-1", "call it report.json", at(2))).isTrue();
    assertThat(store.provideInput("job-1", "a second answer", at(3))).isFalse();
    assertThat(store.pendingInput("job-1", "node-b")).isEmpty();
    assertThat(store.pendingInput("job-1", "node-a")).contains("call it report.json");
    assertThat(store.provideInput("job-1", "while the first is typed", at(3))).isFalse();
    assertThat(
            store.transition("job-1", "node-a", JobState.RUNNING, "typing", JobChange.NONE, at(3)))
        .isTrue();
    assertThat(store.pendingInput("job-1", "node-a")).isEmpty();
    assertThat(store.provideInput("missing", "x", at(4))).isFalse();
    assertThat(store.events("job-1"))
        .extracting(JobEvent::message)
        .contains("answer received: call it report.json");
  }

  @Test
  public void should_record_notes_as_events_in_the_current_state() {
    store.enqueue(newJob("job-1", 1), T0);
    claimAndMove("node-a", at(1), JobState.RUNNING);
    assertThat(store.note("job-1", "approval: deny shell", at(2))).isTrue();
    assertThat(store.note("missing", "x", at(2))).isFalse();
    JobEvent last = store.events("job-1").getLast();
    assertThat(last.from()).contains(JobState.RUNNING);
    assertThat(last.to()).isEqualTo(JobState.RUNNING);
    assertThat(last.message()).isEqualTo("approval: deny shell");
  }

  @Test
  public void
      should_refuse_to_retry_a_failed_job_while_another_job_for_its_pull_request_is_active() {
    store.enqueue(newJob("job-1", 1), T0);
    claimAndMove("node-a", at(1), JobState.FAILED);
    store.enqueue(newJob("job-2", 1), at(2));

    assertThat(store.transition("job-1", null, JobState.QUEUED, "retry", JobChange.NONE, at(3)))
        .isFalse();
    assertThat(store.find("job-1").map(Job::state)).contains(JobState.FAILED);

    assertThat(store.transition("job-2", null, JobState.CANCELLED, "", JobChange.NONE, at(4)))
        .isTrue();
    assertThat(store.transition("job-1", null, JobState.QUEUED, "retry", JobChange.NONE, at(5)))
        .isTrue();
    assertThat(store.enqueue(newJob("job-3", 1), at(6)).job().id()).isEqualTo("job-1");
  }

  @Test
  public void should_give_a_job_back_to_the_queue_without_counting_its_attempt() {
    store.enqueue(newJob("job-1", 1), T0);
    claimAndMove("node-a", at(1), JobState.RUNNING, JobState.NEEDS_INPUT);

    assertThat(store.giveBack("job-1", "node-b", "not mine", at(2))).isFalse();
    assertThat(store.giveBack("job-1", "node-a", "node shutting down", at(2))).isTrue();

    Job job = store.find("job-1").orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.attempts()).isZero();
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.notBefore()).isEqualTo(at(2));
    assertThat(store.events("job-1").getLast().message()).isEqualTo("node shutting down");
    assertThat(store.giveBack("job-1", "node-a", "again", at(3))).as("not leased now").isFalse();
    assertThat(store.claim("node-b", LEASE, at(3)).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  public void should_fail_a_job_whose_node_stopped_answering_on_its_last_attempt() {
    store.enqueue(newJob("job-1", 1), T0);
    Instant now = T0;
    for (int attempt = 1; attempt <= 3; attempt++) {
      Job claimed = store.claim("node-" + attempt, LEASE, now).orElseThrow();
      assertThat(claimed.attempts()).isEqualTo(attempt);
      now = now.plus(LEASE).plusSeconds(1); // the node died holding it
      JobState expected = attempt < 3 ? JobState.QUEUED : JobState.FAILED;
      assertThat(store.takeBackExpired(now, 3)).containsExactly(Map.entry("job-1", expected));
    }

    Job job = store.find("job-1").orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.failure())
        .hasValueSatisfying(
            f ->
                assertThat(f)
                    .contains("gave up after 3 attempt(s)")
                    .contains("the last node holding it (node-3) stopped answering"));
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(store.claim("node-4", LEASE, now.plusSeconds(60))).isEmpty();
    assertThat(store.takeBackExpired(now.plus(LEASE).plus(LEASE), 3)).isEmpty();
    assertThat(store.enqueue(newJob("job-2", 1), now).created())
        .as("the pull request has no active job any more")
        .isTrue();
  }

  @Test
  public void should_requeue_jobs_whose_lease_ran_out() {
    store.enqueue(newJob("job-1", 1), T0);
    store.enqueue(newJob("job-2", 2), T0);
    assertThat(store.claim("node-a", LEASE, at(1))).isPresent();
    assertThat(store.claim("node-b", LEASE, at(1))).isPresent();
    assertThat(store.renewLease("job-2", "node-b", LEASE, at(20))).isTrue();

    assertThat(store.takeBackExpired(at(30), 3)).isEmpty();
    assertThat(store.takeBackExpired(at(31), 3))
        .containsExactly(Map.entry("job-1", JobState.QUEUED));

    Job job = store.find("job-1").orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.leaseOwner()).isEmpty();
    assertThat(job.leaseExpiresAt()).isEmpty();
    JobEvent last = store.events("job-1").getLast();
    assertThat(last.from()).contains(JobState.PREPARING);
    assertThat(last.to()).isEqualTo(JobState.QUEUED);
    assertThat(last.message()).isEqualTo("lease expired (node node-a stopped?)");
    assertThat(last.at()).isEqualTo(at(31));
    assertThat(store.transition("job-1", "node-a", JobState.RUNNING, "", JobChange.NONE, at(32)))
        .isFalse();
    assertThat(store.renewLease("job-1", "node-a", LEASE, at(32))).isFalse();
    assertThat(store.find("job-2").map(Job::state)).contains(JobState.PREPARING);
    assertThat(store.claim("node-c", LEASE, at(32)).map(Job::attempts)).contains(2);
  }

  @Test
  public void should_list_events_oldest_first_with_their_times() {
    store.enqueue(newJob("job-1", 1), at(0));
    Job job = store.claim("node-a", LEASE, at(1)).orElseThrow();
    store.transition(job.id(), "node-a", JobState.RUNNING, "agent started", JobChange.NONE, at(2));
    store.transition(job.id(), "node-a", JobState.COMMITTING, "turn ended", JobChange.NONE, at(3));
    store.transition(job.id(), "node-a", JobState.SUCCEEDED, "pushed", JobChange.NONE, at(4));

    List<JobEvent> events = store.events("job-1");

    assertThat(events).extracting(JobEvent::at).containsExactly(at(0), at(1), at(2), at(3), at(4));
    assertThat(events)
        .extracting(JobEvent::to)
        .containsExactly(
            JobState.QUEUED,
            JobState.PREPARING,
            JobState.RUNNING,
            JobState.COMMITTING,
            JobState.SUCCEEDED);
    assertThat(events)
        .extracting(JobEvent::from)
        .containsExactly(
            Optional.empty(),
            Optional.of(JobState.QUEUED),
            Optional.of(JobState.PREPARING),
            Optional.of(JobState.RUNNING),
            Optional.of(JobState.COMMITTING));
    assertThat(events.get(2).message()).isEqualTo("agent started");
    assertThat(events).extracting(JobEvent::sequence).isSorted().doesNotHaveDuplicates();
    assertThat(store.events("missing")).isEmpty();
  }

  @Test
  public void should_find_the_latest_job_of_a_pull_request_and_list_recent_jobs_newest_first() {
    store.enqueue(newJob("job-1", 1), at(0));
    claimAndMove("node-a", at(1), JobState.FAILED);
    store.enqueue(newJob("job-2", 1), at(1));
    store.enqueue(newJob("job-3", 2), at(2));

    assertThat(store.findByPullRequest(REPO, 1).map(Job::id)).contains("job-2");
    assertThat(store.findByPullRequest(REPO, 3)).isEmpty();
    assertThat(store.findByPullRequest(new RepoRef("other", "aipm"), 1)).isEmpty();
    assertThat(store.recent(2)).extracting(Job::id).containsExactly("job-3", "job-2");
    assertThat(store.recent(10)).extracting(Job::id).containsExactly("job-3", "job-2", "job-1");
    assertThat(store.recent(0)).isEmpty();
  }

  @Test
  public void should_keep_times_to_the_millisecond() {
    Instant precise = Instant.parse("2026-03-01T10:00:00.123456789Z");
    store.enqueue(newJob("job-1", 1), precise);
    Instant millis = precise.truncatedTo(ChronoUnit.MILLIS);

    Job job = store.find("job-1").orElseThrow();

    assertThat(job.createdAt()).isEqualTo(millis);
    assertThat(job.notBefore()).isEqualTo(millis);
    assertThat(store.events("job-1").get(0).at()).isEqualTo(millis);
    Set<Instant> due = new HashSet<>();
    store.claim("node-a", LEASE, millis).ifPresent(j -> due.add(j.updatedAt()));
    assertThat(due).containsExactly(millis);
  }
}
