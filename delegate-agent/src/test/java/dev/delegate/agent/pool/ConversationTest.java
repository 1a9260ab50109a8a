package dev.delegate.agent.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.WorkspaceCompletion;
import dev.delegate.core.agent.WorkspacePreparation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A question keeps the worker's conversation open for an answer, within the request's wait. */
class ConversationTest {
  private static final Duration TURN = Duration.ofSeconds(60);

  @TempDir Path data;
  private WorkerPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  private WorkerPool pool() {
    pool = ScriptedPool.start(data, "scripted", 1, ApprovalPolicy.TRUST_ALL, c -> c);
    return pool;
  }

  private static TurnRequest asking(String jobId, Duration answerWait) {
    return new TurnRequest(
        jobId,
        "scenario:ask-then-write",
        TURN,
        WorkspacePreparation.NONE,
        WorkspaceCompletion.NONE,
        answerWait);
  }

  @Test
  void should_type_the_answer_into_the_waiting_agent_and_finish_the_turn() throws Exception {
    TurnResult question =
        pool().submit(asking("job-1", Duration.ofSeconds(30))).get(60, TimeUnit.SECONDS);
    assertThat(question.outcome()).isEqualTo(TurnOutcome.NEEDS_INPUT);
    assertThat(question.question())
        .hasValueSatisfying(q -> assertThat(q).contains("Which file name"));
    assertThat(pool.snapshot().workers().get(0).busy()).isTrue();

    TurnResult done = pool.answer("job-1", "report", TURN).get(60, TimeUnit.SECONDS);

    assertThat(done.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(done.output()).contains("I wrote exports/report.txt");
    assertThat(done.approvals()).hasSize(1);
    Path written = data.resolve("workers/1/exports/report.txt");
    assertThat(written).exists();
    assertThat(new String(Files.readAllBytes(question.transcript()), StandardCharsets.UTF_8))
        .contains("Which file name")
        .contains("I wrote exports/report.txt");
    TurnResult next = ScriptedPool.run(pool, "job-2", "zero-think");
    assertThat(next.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }

  @Test
  void should_refuse_a_second_answer_while_the_agent_works_on_the_first() throws Exception {
    pool().submit(asking("job-1", Duration.ofSeconds(30))).get(60, TimeUnit.SECONDS);
    var first = pool.answer("job-1", "a", TURN);
    TurnResult second = pool.answer("job-1", "b", TURN).get(10, TimeUnit.SECONDS);
    assertThat(second.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(second.failure()).hasValueSatisfying(f -> assertThat(f).contains("no agent waits"));
    assertThat(first.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.COMPLETED);
  }

  @Test
  void should_end_the_conversation_when_no_answer_comes_in_time_and_take_new_work()
      throws Exception {
    TurnResult question =
        pool().submit(asking("job-1", Duration.ofMillis(300))).get(60, TimeUnit.SECONDS);
    assertThat(question.outcome()).isEqualTo(TurnOutcome.NEEDS_INPUT);

    TurnResult next = ScriptedPool.run(pool, "job-2", "zero-think");
    assertThat(next.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    TurnResult late = pool.answer("job-1", "report", TURN).get(10, TimeUnit.SECONDS);
    assertThat(late.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(data.resolve("workers/1/exports/report.txt")).doesNotExist();
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }

  @Test
  void should_free_the_worker_when_the_conversation_is_released() throws Exception {
    pool().submit(asking("job-1", Duration.ofMinutes(10))).get(60, TimeUnit.SECONDS);
    pool.release("job-1");
    TurnResult next = ScriptedPool.run(pool, "job-2", "zero-think");
    assertThat(next.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(pool.answer("job-1", "x", TURN).get(10, TimeUnit.SECONDS).outcome())
        .isEqualTo(TurnOutcome.FAILED);
  }

  @Test
  void should_not_keep_a_conversation_for_a_request_that_cannot_be_answered() throws Exception {
    TurnResult question = pool().submit(asking("job-1", Duration.ZERO)).get(60, TimeUnit.SECONDS);
    assertThat(question.outcome()).isEqualTo(TurnOutcome.NEEDS_INPUT);
    assertThat(pool.answer("job-1", "x", TURN).get(10, TimeUnit.SECONDS).outcome())
        .isEqualTo(TurnOutcome.FAILED);
    assertThat(ScriptedPool.run(pool, "job-2", "zero-think").outcome())
        .isEqualTo(TurnOutcome.COMPLETED);
  }
}
