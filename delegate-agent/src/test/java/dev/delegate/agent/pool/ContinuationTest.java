package dev.delegate.agent.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.TurnContinuation;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.WorkspacePreparation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request's continuation types further prompts into the same session after a completed turn,
 * before the completion runs: how a job asks its agent to check or fix its work.
 */
class ContinuationTest {
  private static final Duration TURN = Duration.ofSeconds(60);

  @TempDir Path data;
  private WorkerPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  /** Asks for the prompts in order, one per completed turn, and records what each call saw. */
  private static final class Script implements TurnContinuation {
    final List<String> prompts;
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    final List<Boolean> filesSeen = Collections.synchronizedList(new ArrayList<>());

    Script(String... prompts) {
      this.prompts = new ArrayList<>(List.of(prompts));
    }

    @Override
    public Optional<String> next(Path directory, TurnResult turn) {
      seen.add(turn.output());
      filesSeen.add(Files.exists(directory.resolve("notes/first.md")));
      return prompts.isEmpty() ? Optional.empty() : Optional.of(prompts.remove(0));
    }
  }

  private static TurnRequest request(
      String jobId, String prompt, TurnContinuation continuation, List<String> completed) {
    return new TurnRequest(
        jobId,
        prompt,
        TURN,
        WorkspacePreparation.NONE,
        (directory, turn) ->
            completed.add(
                turn.outcome()
                    + " "
                    + Files.exists(directory.resolve("notes/first.md"))
                    + " "
                    + Files.exists(directory.resolve("notes/second.md"))),
        Duration.ZERO,
        Budget.NONE,
        continuation);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scripted", "scripted-acp"})
  void should_type_each_further_prompt_into_the_same_session_before_the_completion(String agent)
      throws Exception {
    pool = ScriptedPool.start(data, agent, 1, ApprovalPolicy.TRUST_ALL, c -> c);
    Script script = new Script("scenario:note-second-think-0");
    List<String> completed = Collections.synchronizedList(new ArrayList<>());

    TurnResult result =
        pool.submit(request("job-1", "scenario:note-first-think-0", script, completed))
            .get(60, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(result.output()).contains("wrote notes/first.md").contains("wrote notes/second.md");
    assertThat(result.approvals())
        .isNotEmpty(); // the PTY agent is trusted for the session after one
    assertThat(script.seen).hasSize(2);
    assertThat(script.seen.get(0)).contains("notes/first.md").doesNotContain("notes/second.md");
    assertThat(script.seen.get(1)).contains("notes/second.md").doesNotContain("notes/first.md");
    assertThat(script.filesSeen).containsExactly(true, true);
    assertThat(completed).containsExactly("COMPLETED true true");
    assertThat(new String(Files.readAllBytes(result.transcript()), StandardCharsets.UTF_8))
        .contains("notes/first.md")
        .contains("notes/second.md");
    // one conversation: the second prompt went to the session that worked on the first
    assertThat(ScriptedPool.agentEvents(data).stream().filter(e -> e.startsWith("PROMPT")))
        .hasSize(2);
    assertThat(ScriptedPool.run(pool, "job-2", "zero-think").outcome())
        .isEqualTo(TurnOutcome.COMPLETED);
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }

  @Test
  void should_take_a_question_in_a_further_turn_as_its_answer_and_interrupt_the_agent()
      throws Exception {
    pool = ScriptedPool.start(data, "scripted", 1, ApprovalPolicy.TRUST_ALL, c -> c);
    Script script = new Script("scenario:question");
    List<String> completed = Collections.synchronizedList(new ArrayList<>());

    TurnResult result =
        pool.submit(request("job-1", "scenario:note-first-think-0", script, completed))
            .get(60, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(script.seen).hasSize(2);
    assertThat(script.seen.get(1)).contains("Which colour");
    assertThat(completed).containsExactly("COMPLETED true false");
    assertThat(ScriptedPool.run(pool, "job-2", "zero-think").outcome())
        .isEqualTo(TurnOutcome.COMPLETED);
  }

  @Test
  void should_fail_the_request_with_the_reason_when_the_continuation_throws() throws Exception {
    pool = ScriptedPool.start(data, "scripted", 1, ApprovalPolicy.TRUST_ALL, c -> c);
    List<String> completed = Collections.synchronizedList(new ArrayList<>());
    TurnContinuation broken =
        (directory, turn) -> {
          throw new IllegalStateException("the check command could not start");
        };

    TurnResult result =
        pool.submit(request("job-1", "scenario:note-first-think-0", broken, completed))
            .get(60, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
    assertThat(result.failure())
        .hasValue("checking the turn failed: the check command could not start");
    assertThat(completed).containsExactly("FAILED true false");
    assertThat(ScriptedPool.run(pool, "job-2", "zero-think").outcome())
        .isEqualTo(TurnOutcome.COMPLETED);
  }

  @Test
  void should_continue_many_requests_at_once_each_in_its_own_session() throws Exception {
    pool = ScriptedPool.start(data, "scripted", 4, ApprovalPolicy.TRUST_ALL, c -> c);
    int jobs = 12;
    List<CompletableFuture<TurnResult>> results = new ArrayList<>();
    List<AtomicReference<String>> lastSeen = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      String name = "n" + i;
      AtomicReference<String> seen = new AtomicReference<>("");
      lastSeen.add(seen);
      TurnContinuation once =
          (directory, turn) -> {
            if (turn.output().contains("notes/" + name + "x.md")) {
              seen.set(turn.output());
              return Optional.empty();
            }
            return Optional.of("scenario:note-" + name + "x-think-0");
          };
      results.add(
          pool.submit(
              request("job-" + i, "scenario:note-" + name + "-think-0", once, new ArrayList<>())));
    }
    for (int i = 0; i < jobs; i++) {
      TurnResult result = results.get(i).get(120, TimeUnit.SECONDS);
      assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
      assertThat(result.output())
          .contains("wrote notes/n" + i + ".md")
          .contains("wrote notes/n" + i + "x.md");
      assertThat(lastSeen.get(i).get()).contains("notes/n" + i + "x.md");
    }
  }
}
