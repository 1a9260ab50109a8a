package dev.delegate.agent.pool;

import static dev.delegate.agent.pool.ScriptedPool.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.ApprovalRule;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.RuleApprovalPolicy;
import dev.delegate.core.agent.ToolKind;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.WorkspaceCompletion;
import dev.delegate.core.agent.WorkspacePreparation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool driving the scripted agent over ACP, as Kiro CLI speaks it ({@code scripted-acp}). */
class AcpPoolTest {
  private static final Duration TURN = Duration.ofSeconds(60);

  @TempDir Path data;
  private WorkerPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  private WorkerPool pool(int workers, ApprovalPolicy policy) {
    pool = ScriptedPool.start(data, "scripted-acp", workers, policy, c -> c);
    return pool;
  }

  private static RuleApprovalPolicy allowWritesDenyShell() {
    return new RuleApprovalPolicy(
        List.of(
            ApprovalRule.kind(ApprovalVerdict.DENY, ToolKind.SHELL),
            ApprovalRule.kind(ApprovalVerdict.ALLOW, ToolKind.WRITE)),
        ApprovalVerdict.DENY);
  }

  @Test
  void should_write_a_file_after_an_approval_and_record_the_approval_and_the_usage()
      throws Exception {
    TurnResult result = run(pool(1, allowWritesDenyShell()), "job-1", "Please take a note");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(result.output()).contains("NOTES.md");
    assertThat(result.approvals())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.verdict()).isEqualTo(ApprovalVerdict.ALLOW);
              assertThat(a.kind()).isEqualTo(ToolKind.WRITE);
              assertThat(a.path()).hasValueSatisfying(p -> assertThat(p).endsWith("NOTES.md"));
            });
    assertThat(data.resolve("workers/1/NOTES.md")).exists();
    assertThat(result.usage().inputTokens()).isPresent();
    assertThat(result.usage().outputTokens()).isPresent();
    assertThat(result.usage().costUsd()).isPresent();
    assertThat(result.usage().credits()).isPresent();
    String view = Files.readString(result.transcript(), StandardCharsets.UTF_8);
    assertThat(view).contains("NOTES.md").contains("allowed write").doesNotContain("jsonrpc");
    Path protocol = result.transcript().resolveSibling("job-1" + TurnRunner.PROTOCOL_SUFFIX);
    assertThat(Files.readString(protocol, StandardCharsets.UTF_8))
        .contains("\"session/prompt\"")
        .contains("session/request_permission");
    assertThat(pool.snapshot().workers().get(0).driver()).isEqualTo("acp");
  }

  @Test
  void should_record_a_denied_command_and_not_run_it() throws Exception {
    Path probe = Files.createDirectories(Path.of("/tmp/scripted-deny-probe"));

    TurnResult result = run(pool(1, allowWritesDenyShell()), "deny", "scenario:deny");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(result.approvals())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.verdict()).isEqualTo(ApprovalVerdict.DENY);
              assertThat(a.kind()).isEqualTo(ToolKind.SHELL);
              assertThat(a.command()).hasValue("rm -rf /tmp/scripted-deny-probe");
            });
    assertThat(probe).exists();
  }

  @Test
  void should_open_a_fresh_session_for_each_job() throws Exception {
    pool(1, ApprovalPolicy.TRUST_ALL);

    TurnResult first = run(pool, "job-1", "a first note");
    TurnResult second = run(pool, "job-2", "a second note");

    assertThat(first.output()).contains("turn 1 of this conversation");
    assertThat(second.output()).contains("turn 1 of this conversation");
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }

  @Test
  void should_cancel_a_turn_past_its_timeout_and_keep_the_agent() throws Exception {
    pool(1, ApprovalPolicy.TRUST_ALL);

    TurnResult slow = run(pool, "slow", "scenario:think-30", Duration.ofMillis(800));

    assertThat(slow.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
    TurnResult next = run(pool, "next", "zero-think");
    assertThat(next.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }

  @Test
  void should_restart_an_agent_that_does_not_answer_its_cancel() throws Exception {
    pool(1, ApprovalPolicy.TRUST_ALL);

    TurnResult hung = run(pool, "hung", "scenario:hang", Duration.ofMillis(800));

    assertThat(hung.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
    await().until(() -> pool.snapshot().workers().get(0).restarts() == 1);
    assertThat(run(pool, "next", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
  }

  @Test
  void should_cancel_a_running_turn_on_request() throws Exception {
    pool(1, ApprovalPolicy.TRUST_ALL);
    CompletableFuture<TurnResult> running =
        pool.submit(new TurnRequest("long", "scenario:think-30", TURN));
    await().until(() -> pool.snapshot().workers().get(0).busy());

    assertThat(pool.cancel("long")).isTrue();

    TurnResult result = running.get(30, TimeUnit.SECONDS);
    assertThat(result.outcome()).isEqualTo(TurnOutcome.CANCELLED);
    assertThat(run(pool, "next", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }

  @Test
  void should_stop_a_turn_that_goes_past_its_budget() throws Exception {
    pool(1, ApprovalPolicy.TRUST_ALL);
    Budget budget = new Budget(Optional.of(new BigDecimal("0.50")), Optional.empty());
    TurnRequest request =
        new TurnRequest(
            "spender",
            "scenario:spend-0.75",
            TURN,
            WorkspacePreparation.NONE,
            WorkspaceCompletion.NONE,
            Duration.ZERO,
            budget);

    TurnResult result = pool.submit(request).get(60, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
    assertThat(result.failure())
        .hasValueSatisfying(f -> assertThat(f).startsWith("budget reached").contains("$0.50"));
    assertThat(result.usage().costUsd())
        .hasValueSatisfying(c -> assertThat(c).isGreaterThan(budget.maxCostUsd().get()));
    assertThat(result.duration()).isLessThan(Duration.ofSeconds(20));
    assertThat(run(pool, "next", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
  }

  @Test
  void should_hold_the_conversation_for_a_question_and_continue_it_with_the_answer()
      throws Exception {
    pool(1, ApprovalPolicy.TRUST_ALL);
    TurnRequest asking =
        new TurnRequest(
            "ask",
            "scenario:ask-then-write",
            TURN,
            WorkspacePreparation.NONE,
            WorkspaceCompletion.NONE,
            Duration.ofSeconds(30));

    TurnResult question = pool.submit(asking).get(60, TimeUnit.SECONDS);
    assertThat(question.outcome()).isEqualTo(TurnOutcome.NEEDS_INPUT);
    assertThat(question.question())
        .hasValueSatisfying(q -> assertThat(q).contains("Which file name"));

    TurnResult done = pool.answer("ask", "report", TURN).get(60, TimeUnit.SECONDS);

    assertThat(done.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(data.resolve("workers/1/exports/report.txt")).exists();
  }

  @Test
  void should_fail_the_turn_of_an_agent_that_crashes_and_start_it_again() throws Exception {
    pool(1, ApprovalPolicy.TRUST_ALL);

    TurnResult crashed = run(pool, "crash", "scenario:crash");

    assertThat(crashed.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(crashed.failure()).hasValueSatisfying(f -> assertThat(f).contains("code 3"));
    await().until(() -> pool.snapshot().workers().get(0).restarts() == 1);
    assertThat(run(pool, "next", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
  }

  @Test
  void should_run_many_jobs_at_once_each_in_its_own_session_and_directory() throws Exception {
    pool(4, allowWritesDenyShell());
    List<CompletableFuture<TurnResult>> results = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      results.add(
          pool.submit(new TurnRequest("many-" + i, "scenario:note-n" + i + "-think-0.05", TURN)));
    }

    for (int i = 0; i < results.size(); i++) {
      TurnResult result = results.get(i).get(120, TimeUnit.SECONDS);
      assertThat(result.outcome()).as("job %d", i).isEqualTo(TurnOutcome.COMPLETED);
      assertThat(result.output()).contains("wrote notes/n" + i + ".md");
      assertThat(result.approvals())
          .singleElement()
          .satisfies(a -> assertThat(a.path()).isPresent());
      Path note = data.resolve("workers/" + result.workerId() + "/notes/n" + i + ".md");
      assertThat(note).exists();
    }
    assertThat(pool.snapshot().workers()).allSatisfy(w -> assertThat(w.restarts()).isZero());
  }
}
