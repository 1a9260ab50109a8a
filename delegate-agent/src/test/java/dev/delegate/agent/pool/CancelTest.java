package dev.delegate.agent.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.WorkspaceCompletion;
import dev.delegate.core.agent.WorkspacePreparation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled turn ends {@code CANCELLED} wherever it is (queued, running, at a question), its
 * completion never sees finished work, and the worker is back for the next turn, warm.
 */
class CancelTest {
  private static final Duration TURN = Duration.ofSeconds(60);

  @TempDir Path data;
  private WorkerPool pool;
  private final ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  private WorkerPool pool(int workers) {
    pool = ScriptedPool.start(data, "scripted", workers, ApprovalPolicy.TRUST_ALL, c -> c);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pool.snapshot().workers().stream().allMatch(w -> w.state().equals("READY")));
    return pool;
  }

  /** A turn whose completion records the outcome it was called with. */
  private TurnRequest turn(String jobId, String prompt, Duration answerWait) {
    WorkspaceCompletion completion =
        (directory, result) -> completed.add(jobId + ":" + result.outcome());
    return new TurnRequest(jobId, prompt, TURN, WorkspacePreparation.NONE, completion, answerWait);
  }

  private static boolean thinking(WorkerPool pool) {
    return pool.snapshot().workers().get(0).busy();
  }

  @Test
  void should_interrupt_a_running_turn_and_keep_the_session_warm() throws Exception {
    pool(1);
    CompletableFuture<TurnResult> running =
        pool.submit(turn("job-1", "scenario:think-60", Duration.ZERO));
    await().atMost(Duration.ofSeconds(10)).until(() -> thinking(pool));
    Thread.sleep(300); // the agent is inside its turn

    assertThat(pool.cancel("job-1")).isTrue();

    TurnResult result = running.get(30, TimeUnit.SECONDS);
    assertThat(result.outcome()).isEqualTo(TurnOutcome.CANCELLED);
    assertThat(result.success()).isFalse();
    assertThat(result.output()).contains("Thinking");
    assertThat(completed).containsExactly("job-1:CANCELLED");
    TurnResult next = ScriptedPool.run(pool, "job-2", "zero-think");
    assertThat(next.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(pool.snapshot().workers().get(0).restarts()).as("interrupted, not killed").isZero();
    assertThat(pool.cancel("job-1")).as("nothing left of it").isFalse();
  }

  @Test
  void should_take_a_queued_turn_out_of_the_queue() throws Exception {
    pool(1);
    CompletableFuture<TurnResult> busy =
        pool.submit(turn("busy", "scenario:think-3", Duration.ZERO));
    CompletableFuture<TurnResult> queued = pool.submit(turn("queued", "zero-think", Duration.ZERO));
    assertThat(pool.snapshot().queued()).isEqualTo(1);

    assertThat(pool.cancel("queued")).isTrue();

    assertThat(queued.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.CANCELLED);
    assertThat(pool.snapshot().queued()).isZero();
    assertThat(busy.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(completed).containsExactly("busy:COMPLETED");
  }

  @Test
  void should_release_an_agent_waiting_at_its_question_and_refuse_a_later_answer()
      throws Exception {
    pool(1);
    TurnResult question =
        pool.submit(turn("job-1", "scenario:ask-then-write", Duration.ofMinutes(5)))
            .get(60, TimeUnit.SECONDS);
    assertThat(question.outcome()).isEqualTo(TurnOutcome.NEEDS_INPUT);

    assertThat(pool.cancel("job-1")).isTrue();

    TurnResult late = pool.answer("job-1", "report", TURN).get(10, TimeUnit.SECONDS);
    assertThat(late.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(ScriptedPool.run(pool, "job-2", "zero-think").outcome())
        .isEqualTo(TurnOutcome.COMPLETED);
    assertThat(data.resolve("workers/1/exports/report.txt")).doesNotExist();
  }

  @Test
  void should_cancel_half_of_many_turns_and_finish_the_others() throws Exception {
    int workers = 4;
    int turns = 16;
    pool(workers);
    List<CompletableFuture<TurnResult>> results = new ArrayList<>();
    for (int i = 0; i < turns; i++) {
      String prompt = i % 2 == 0 ? "scenario:think-60" : "scenario:think-1";
      results.add(pool.submit(turn("job-" + i, prompt, Duration.ZERO)));
    }
    for (int round = 0;
        round < 200 && !results.stream().allMatch(CompletableFuture::isDone);
        round++) {
      for (int i = 0; i < turns; i += 2) {
        pool.cancel("job-" + i);
      }
      Thread.sleep(100);
    }

    for (int i = 0; i < turns; i++) {
      TurnResult result = results.get(i).get(60, TimeUnit.SECONDS);
      TurnOutcome expected = i % 2 == 0 ? TurnOutcome.CANCELLED : TurnOutcome.COMPLETED;
      assertThat(result.outcome()).as("job-" + i).isEqualTo(expected);
    }
    assertThat(completed).filteredOn(c -> c.endsWith(":COMPLETED")).hasSize(turns / 2);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pool.snapshot().workers().stream().noneMatch(w -> w.busy()));
    assertThat(pool.snapshot().workers()).allSatisfy(w -> assertThat(w.restarts()).isZero());
  }
}
