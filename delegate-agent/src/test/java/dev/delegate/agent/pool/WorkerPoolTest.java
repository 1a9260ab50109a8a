package dev.delegate.agent.pool;

import static dev.delegate.agent.pool.ScriptedPool.agentEvents;
import static dev.delegate.agent.pool.ScriptedPool.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.ApprovalRecord;
import dev.delegate.core.agent.ApprovalRule;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.PoolFullException;
import dev.delegate.core.agent.RuleApprovalPolicy;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.WorkerSnapshot;
import dev.delegate.core.agent.WorkspacePreparation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerPoolTest {
  @TempDir Path data;
  private WorkerPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  private WorkerPool pool(int workers) {
    pool = ScriptedPool.start(data, "scripted", workers, ApprovalPolicy.TRUST_ALL, c -> c);
    return pool;
  }

  @Test
  void should_answer_each_approval_once_and_let_the_agent_write_in_its_directory()
      throws Exception {
    TurnResult result = run(pool(1), "job-1", "Please write some notes about the project");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(result.approvals())
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.verdict()).isEqualTo(ApprovalVerdict.TRUST));
    assertThat(result.approvals()).extracting(a -> a.tool().orElse("?")).contains("fs_write");
    List<String> answered =
        agentEvents(data).stream().filter(l -> l.startsWith("APPROVAL")).toList();
    assertThat(answered).hasSameSizeAs(result.approvals());
    assertThat(Files.list(data.resolve("workers/1")).toList()).isNotEmpty();
    assertThat(result.transcript()).exists();
    assertThat(Files.size(result.transcript())).isPositive();
  }

  @Test
  void should_notice_the_end_of_the_turn_and_return_the_output() throws Exception {
    TurnResult result = run(pool(1), "job-1", "zero-think please");
    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(result.success()).isTrue();
    assertThat(result.timedOut()).isFalse();
    assertThat(result.output()).contains("zero-think please");
    assertThat(result.workerId()).isEqualTo(1);
    await().until(() -> pool.snapshot().workers().get(0).state().equals("READY"));
  }

  @Test
  void should_keep_the_worker_directory_for_a_turn_until_its_completion_returned()
      throws Exception {
    pool(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pool.snapshot().workers().get(0).state().equals("READY"));
    CountDownLatch completing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean completed = new AtomicBoolean();
    AtomicBoolean nextPreparedTooEarly = new AtomicBoolean();
    CompletableFuture<TurnResult> first =
        pool.submit(
            new TurnRequest(
                "first",
                "zero-think first",
                Duration.ofSeconds(30),
                WorkspacePreparation.NONE,
                (directory, turn) -> {
                  completing.countDown();
                  release.await();
                  completed.set(true);
                },
                Duration.ZERO));
    CompletableFuture<TurnResult> second =
        pool.submit(
            new TurnRequest(
                "second",
                "zero-think second",
                Duration.ofSeconds(30),
                directory -> nextPreparedTooEarly.set(!completed.get())));

    assertThat(completing.await(60, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300); // the worker must hold still however long the completion takes
    assertThat(first).isNotDone();
    assertThat(pool.snapshot().workers().get(0).busy()).isTrue();
    assertThat(pool.snapshot().queued()).isEqualTo(1);
    release.countDown();

    assertThat(first.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(second.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(nextPreparedTooEarly).isFalse();
  }

  @Test
  void should_tell_listeners_of_each_change_a_snapshot_shows_until_they_unsubscribe()
      throws Exception {
    pool(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pool.snapshot().workers().get(0).state().equals("READY"));
    List<String> seen = new CopyOnWriteArrayList<>();
    AgentPool.Subscription subscription =
        pool.onChange(
            () -> {
              WorkerSnapshot worker = pool.snapshot().workers().get(0);
              seen.add(worker.state() + " after " + worker.turns() + " turn(s)");
            });

    assertThat(run(pool, "job-1", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                // each change is told; listeners run on the threads that made the changes, so
                // two close ones may append in either order
                assertThat(seen).contains("BUSY after 0 turn(s)", "READY after 1 turn(s)"));

    subscription.close();
    int heard = seen.size();
    assertThat(run(pool, "job-2", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
    await().until(() -> pool.snapshot().workers().get(0).turns() == 2);
    assertThat(seen).hasSize(heard);
  }

  @Test
  void should_fail_the_turn_with_the_reason_when_its_completion_fails() throws Exception {
    TurnResult result =
        pool(1)
            .submit(
                new TurnRequest(
                    "broken",
                    "zero-think",
                    Duration.ofSeconds(30),
                    WorkspacePreparation.NONE,
                    (directory, turn) -> {
                      throw new IllegalStateException("the commit could not be made");
                    },
                    Duration.ZERO))
            .get(60, TimeUnit.SECONDS);
    assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(result.failure()).contains("the commit could not be made");
    await().until(() -> pool.snapshot().workers().get(0).state().equals("READY"));
  }

  @Test
  void should_queue_when_busy_then_refuse_when_the_queue_is_full() throws Exception {
    pool =
        ScriptedPool.start(
            data, "scripted", 1, ApprovalPolicy.TRUST_ALL, c -> c.withQueueCapacity(1));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pool.snapshot().workers().get(0).state().equals("READY"));
    CompletableFuture<TurnResult> first =
        pool.submit(new TurnRequest("busy", "scenario:think-3", Duration.ofSeconds(30)));
    CompletableFuture<TurnResult> second =
        pool.submit(new TurnRequest("queued", "zero-think", Duration.ofSeconds(30)));
    assertThat(pool.snapshot().queued()).isEqualTo(1);
    assertThat(pool.snapshot().workers().get(0).busy()).isTrue();

    assertThatThrownBy(
            () -> pool.submit(new TurnRequest("refused", "zero-think", Duration.ofSeconds(30))))
        .isInstanceOf(PoolFullException.class)
        .hasMessageContaining("wait queue is full");

    assertThat(first.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(second.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(pool.snapshot().queued()).isZero();
  }

  @Test
  void should_interrupt_on_timeout_answer_like_the_seed_and_keep_the_session() throws Exception {
    pool(1);
    TurnResult result = run(pool, "slow", "scenario:think-60", Duration.ofSeconds(2));

    assertThat(result.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
    assertThat(result.success()).isTrue();
    assertThat(result.timedOut()).isTrue();
    assertThat(result.output()).contains("Thinking");
    TurnResult next = run(pool, "after", "zero-think again");
    assertThat(next.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }

  @Test
  void should_fail_the_job_clearly_and_restart_when_the_agent_crashes() throws Exception {
    pool =
        ScriptedPool.start(
            data,
            "scripted",
            1,
            ApprovalPolicy.TRUST_ALL,
            c -> c.withRestartBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    List<String> observed = observe(pool);
    TurnResult result = run(pool, "crash", "scenario:crash");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(result.success()).isFalse();
    assertThat(result.failure())
        .hasValueSatisfying(f -> assertThat(f).contains("exited with code 3"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                pool.snapshot().workers().get(0).restarts() == 1
                    && pool.snapshot().workers().get(0).state().equals("READY"));
    assertThat(run(pool, "after", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(observed)
        .as("what the pool's observer was told")
        .containsExactly("turn FAILED", "restart 1 turn_failed", "turn COMPLETED");
  }

  /** What the pool tells an observer, as lines. */
  private static List<String> observe(WorkerPool pool) {
    List<String> told = new CopyOnWriteArrayList<>();
    var unused =
        pool.observe(
            new WorkerPool.Observer() {
              @Override
              public void turnEnded(TurnResult result) {
                told.add("turn " + result.outcome());
              }

              @Override
              public void sessionRestarting(int workerId, String reason) {
                told.add("restart " + workerId + " " + reason);
              }
            });
    return told;
  }

  @Test
  void should_kill_and_restart_a_session_that_stalls() throws Exception {
    pool =
        ScriptedPool.start(
            data,
            "scripted",
            1,
            ApprovalPolicy.TRUST_ALL,
            c ->
                c.withStallTimeout(Duration.ofSeconds(2))
                    .withRestartBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    List<String> observed = observe(pool);
    TurnResult result = run(pool, "hang", "scenario:hang", Duration.ofMinutes(5));

    assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).contains("stalled"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                pool.snapshot().workers().get(0).restarts() == 1
                    && pool.snapshot().workers().get(0).state().equals("READY"));
    assertThat(run(pool, "after", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(observed).contains("restart 1 stalled").doesNotContain("restart 1 turn_failed");
    assertThat(pool.snapshot().workers().get(0).lastRestart())
        .as("shown on the workers page")
        .hasValue("stalled");
  }

  @Test
  void should_restart_a_session_that_ignores_the_interrupt_after_a_timeout() throws Exception {
    pool =
        ScriptedPool.start(
            data,
            "scripted",
            1,
            ApprovalPolicy.TRUST_ALL,
            c ->
                c.withInterruptGrace(Duration.ofMillis(500))
                    .withRestartBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    TurnResult result = run(pool, "hang", "scenario:hang", Duration.ofSeconds(1));

    assertThat(result.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                pool.snapshot().workers().get(0).restarts() == 1
                    && pool.snapshot().workers().get(0).state().equals("READY"));
  }

  @Test
  void should_type_a_hostile_prompt_as_plain_text_without_quitting_or_interrupting()
      throws Exception {
    pool(1);
    String hostile = "zero-think say hi\r/quit\r then \u0003 and \u001b[201~\u001b[2J done";
    TurnResult result = run(pool, "hostile", hostile);

    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    List<String> events = agentEvents(data);
    assertThat(events)
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("PROMPT ")
                    .contains("/quit")
                    .contains("[201~")
                    .contains("done"));
    assertThat(events).noneMatch(e -> e.startsWith("EXIT"));
    assertThat(run(pool, "next", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }

  @Test
  void should_clear_the_conversation_between_jobs() throws Exception {
    pool(1);
    run(pool, "one", "zero-think first");
    run(pool, "two", "zero-think second");
    List<String> events = agentEvents(data);
    int first = indexOf(events, "PROMPT zero-think first");
    int second = indexOf(events, "PROMPT zero-think second");
    assertThat(events.subList(first, second)).anyMatch(e -> e.startsWith("COMMAND /clear"));
  }

  @Test
  void should_run_sixteen_jobs_on_sixteen_sessions_at_once() throws Exception {
    pool(16);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> pool.snapshot().workers().stream().allMatch(w -> w.state().equals("READY")));
    List<CompletableFuture<TurnResult>> results = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      results.add(
          pool.submit(
              new TurnRequest(
                  "job-" + i, "zero-think token-" + i + "-end", Duration.ofSeconds(60))));
    }
    for (int i = 0; i < 16; i++) {
      TurnResult result = results.get(i).get(90, TimeUnit.SECONDS);
      assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
      assertThat(result.output()).contains("token-" + i + "-end");
      for (int j = 0; j < 16; j++) {
        if (j != i) {
          assertThat(result.output()).doesNotContain("token-" + j + "-end");
        }
      }
    }
    assertThat(results.stream().map(r -> r.join().workerId()).distinct()).hasSize(16);
  }

  @Test
  void should_report_a_question_and_recover_the_session() throws Exception {
    pool(1);
    TurnResult result = run(pool, "ask", "scenario:question");
    assertThat(result.outcome()).isEqualTo(TurnOutcome.NEEDS_INPUT);
    assertThat(result.question())
        .hasValueSatisfying(q -> assertThat(q).contains("Which colour should the button be?"));
    assertThat(run(pool, "next", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }

  @Test
  void should_cap_the_output_of_a_flood_and_keep_all_of_it_in_the_transcript() throws Exception {
    TurnResult result = run(pool(1), "flood", "scenario:flood");
    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(result.output().length())
        .isLessThanOrEqualTo(SessionContext.DEFAULT_MAX_OUTPUT_CHARS + 200);
    assertThat(result.output()).startsWith("[… ");
    assertThat(Files.size(result.transcript())).isGreaterThan(5_000_000);
  }

  @Test
  void should_answer_no_to_a_denied_command_and_record_why() throws Exception {
    Path probe = Files.createDirectories(Path.of("/tmp/scripted-deny-probe"));
    pool =
        ScriptedPool.start(
            data,
            "scripted",
            1,
            new RuleApprovalPolicy(
                List.of(ApprovalRule.command(ApprovalVerdict.DENY, "rm -rf")),
                ApprovalVerdict.TRUST),
            c -> c);
    TurnResult result = run(pool, "deny", "scenario:deny");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    ApprovalRecord denied =
        result.approvals().stream()
            .filter(a -> a.verdict() == ApprovalVerdict.DENY)
            .findFirst()
            .orElseThrow();
    assertThat(denied.tool()).contains("execute_bash");
    assertThat(denied.command()).hasValueSatisfying(c -> assertThat(c).contains("rm -rf"));
    assertThat(denied.reason()).contains("rm -rf");
    assertThat(probe).exists();
  }

  private static int indexOf(List<String> events, String prefix) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no event starting with '" + prefix + "' in " + events);
  }

  @Test
  void should_fail_a_queued_turn_when_no_worker_becomes_ready_within_its_timeout()
      throws Exception {
    dev.delegate.core.agent.AgentProfile scripted = ScriptedPool.profile("scripted");
    dev.delegate.core.agent.AgentProfile silent =
        new dev.delegate.core.agent.AgentProfile(
            "silent",
            "silent",
            "never shows a prompt",
            "/bin/sleep",
            List.of("600"),
            scripted.env(),
            scripted.terminal(),
            scripted.startup(),
            scripted.busy(),
            scripted.endOfTurn(),
            scripted.approvals(),
            scripted.questions(),
            scripted.reset(),
            scripted.submit(),
            scripted.interruptKeys(),
            scripted.exitCommand());
    pool = ScriptedPool.start(data, silent, 1, ApprovalPolicy.TRUST_ALL, c -> c);

    TurnResult result = run(pool, "waiting", "zero-think", Duration.ofMillis(800));

    assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(result.failure())
        .hasValueSatisfying(f -> assertThat(f).contains("no worker became free within 800 ms"));
    assertThat(pool.snapshot().queued()).isZero();
  }
}
