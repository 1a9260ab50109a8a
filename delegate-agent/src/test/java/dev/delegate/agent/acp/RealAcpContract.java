package dev.delegate.agent.acp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.ApprovalRule;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.RuleApprovalPolicy;
import dev.delegate.core.agent.ToolKind;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.testkit.model.ModelServer;
import dev.delegate.testkit.model.RecordedRequest;
import dev.delegate.testkit.model.Scenario;
import dev.delegate.testkit.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every real ACP adapter must do in a pool, driven offline against a scripted model: a
 * subclass names the adapter. A missing adapter fails the test (see {@code AgentClis}).
 */
abstract class RealAcpContract {
  static final Duration TURN = Duration.ofSeconds(90);
  static final String FINAL = "DONE: the work is done.";

  @TempDir Path data;
  private WorkerPool pool;
  private ModelServer model;
  private final CountDownLatch modelReleased = new CountDownLatch(1);

  abstract RealAcpAgents agent();

  /** How the adapter's agent creates a file: Codex runs a shell command, the others edit. */
  ToolKind writeKind() {
    return ToolKind.WRITE;
  }

  /** Whether the agent reports the turn's tokens in the prompt's response. */
  boolean reportsTokens() {
    return false;
  }

  /**
   * How a turn ends after its command was denied: Claude Code and Gemini CLI tell the model and go
   * on; Codex ends the turn itself ({@code stopReason: cancelled}), which asks a person.
   */
  List<TurnOutcome> deniedOutcomes() {
    return List.of(TurnOutcome.COMPLETED);
  }

  @AfterEach
  void stop() {
    modelReleased.countDown();
    if (pool != null) {
      pool.close();
    }
    if (model != null) {
      model.close();
    }
  }

  private WorkerPool start(Scenario scenario, ApprovalPolicy policy) {
    model = ModelServer.start(scenario);
    pool = agent().start(data, model, policy, 1);
    return pool;
  }

  private TurnResult run(String jobId, String prompt, Duration timeout) throws Exception {
    return pool.submit(new TurnRequest(jobId, prompt, timeout))
        .get(timeout.toSeconds() + 60, TimeUnit.SECONDS);
  }

  private static RuleApprovalPolicy allowWritesDenyShell() {
    return new RuleApprovalPolicy(
        List.of(
            ApprovalRule.command(ApprovalVerdict.DENY, ".*denied\\.txt.*"),
            ApprovalRule.kind(ApprovalVerdict.DENY, ToolKind.SHELL),
            ApprovalRule.kind(ApprovalVerdict.ALLOW, ToolKind.WRITE)),
        ApprovalVerdict.ALLOW);
  }

  @Test
  void should_write_a_file_after_an_approval_and_record_the_approval() throws Exception {
    start(
        Scenario.builder()
            .writeFile("hello.txt", "hello from the scripted model\n")
            .text(FINAL)
            .build(),
        new RuleApprovalPolicy(List.of(), ApprovalVerdict.ALLOW));

    TurnResult result = run("write-1", "Please create hello.txt", TURN);

    assertThat(result.outcome()).as(result.failure().orElse("")).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(result.output()).as(model.describeRequests()).contains(FINAL);
    assertThat(data.resolve("workers/1/hello.txt")).hasContent("hello from the scripted model");
    assertThat(result.approvals())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.verdict()).isEqualTo(ApprovalVerdict.ALLOW);
              assertThat(a.kind()).isEqualTo(writeKind());
              assertThat(a.path().or(a::command))
                  .hasValueSatisfying(p -> assertThat(p).contains("hello.txt"));
            });
    assertThat(model.requests().stream().filter(r -> r.conversation().isPresent()))
        .allSatisfy(r -> assertThat(r.keyMatched()).as("key sent on " + r.path()).isTrue());
    assertThat(result.output()).doesNotContain(model.apiKey());
    if (reportsTokens()) {
      assertThat(result.usage().inputTokens().orElse(0)).isPositive();
      assertThat(result.usage().outputTokens().orElse(0)).isPositive();
    }
  }

  @Test
  void should_record_a_denied_command_and_not_run_it() throws Exception {
    start(Scenario.builder().shell("touch denied.txt").text(FINAL).build(), allowWritesDenyShell());

    TurnResult result = run("deny-1", "Please touch a file", TURN);

    assertThat(result.outcome()).as(result.failure().orElse("")).isIn(deniedOutcomes());
    assertThat(result.approvals())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.verdict()).isEqualTo(ApprovalVerdict.DENY);
              assertThat(a.kind()).isEqualTo(ToolKind.SHELL);
              assertThat(a.command()).hasValueSatisfying(c -> assertThat(c).contains("denied.txt"));
            });
    assertThat(data.resolve("workers/1/denied.txt")).doesNotExist();
  }

  @Test
  void should_start_the_second_job_in_a_fresh_session() throws Exception {
    start(
        Scenario.builder()
            .then(
                c -> c.lastUserText().startsWith("Say") ? Step.text("hi there") : Step.text(FINAL))
            .build(),
        ApprovalPolicy.TRUST_ALL);

    TurnResult first = run("first", "Please remember the word marmalade-7f3a", TURN);
    int before = model.stepRequests().size();
    TurnResult second = run("second", "Say hi", TURN);

    assertThat(first.outcome()).as(first.failure().orElse("")).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(second.outcome()).as(second.failure().orElse("")).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(second.output()).contains("hi there").doesNotContain(FINAL);
    List<RecordedRequest> later = model.stepRequests().subList(before, model.stepRequests().size());
    assertThat(later)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.body().toString()).doesNotContain("marmalade-7f3a");
              assertThat(r.conversation().orElseThrow().modelAnswers()).isZero();
            });
  }

  @Test
  void should_serve_two_jobs_at_once_each_in_its_own_worker() throws Exception {
    model =
        ModelServer.start(
            Scenario.builder()
                .then(c -> Step.writeFile(lastWord(c.lastUserText()), "written for its job\n"))
                .text(FINAL)
                .build());
    pool = agent().start(data, model, new RuleApprovalPolicy(List.of(), ApprovalVerdict.ALLOW), 2);
    // both sessions up first: a job submitted while one still starts goes to the other
    org.awaitility.Awaitility.await()
        .atMost(TURN)
        .until(
            () ->
                pool.snapshot().workers().stream()
                    .allMatch(dev.delegate.core.agent.WorkerSnapshot::ready));

    CompletableFuture<TurnResult> alpha =
        pool.submit(new TurnRequest("alpha", "Please create alpha.txt", TURN));
    CompletableFuture<TurnResult> beta =
        pool.submit(new TurnRequest("beta", "Please create beta.txt", TURN));

    for (CompletableFuture<TurnResult> job : List.of(alpha, beta)) {
      TurnResult result = job.get(TURN.toSeconds() + 60, TimeUnit.SECONDS);
      assertThat(result.outcome()).as(result.failure().orElse("")).isEqualTo(TurnOutcome.COMPLETED);
      assertThat(result.approvals()).hasSize(1);
    }
    List<Path> written = new ArrayList<>();
    for (String worker : List.of("1", "2")) {
      for (String name : List.of("alpha.txt", "beta.txt")) {
        if (Files.exists(data.resolve("workers").resolve(worker).resolve(name))) {
          written.add(Path.of(worker, name));
        }
      }
    }
    assertThat(written)
        .as("each file written once, by different workers")
        .hasSize(2)
        .extracting(p -> p.getName(0).toString())
        .containsExactlyInAnyOrder("1", "2");
  }

  private static String lastWord(String text) {
    String[] words = text.strip().split("\\s+");
    return words[words.length - 1];
  }

  @Test
  void should_cancel_a_turn_past_its_timeout_and_run_the_next_one() throws Exception {
    start(
        Scenario.builder()
            .then(c -> c.lastUserText().startsWith("Say") ? Step.text("hi there") : stall())
            .build(),
        ApprovalPolicy.TRUST_ALL);

    TurnResult slow = run("slow", "Please think hard", Duration.ofSeconds(20));
    TurnResult next = run("next", "Say hi", TURN);

    assertThat(slow.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
    assertThat(next.outcome()).as(next.failure().orElse("")).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(next.output()).contains("hi there");
  }

  /** A model that does not answer until the test ends. */
  private Step stall() {
    try {
      modelReleased.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Step.text("too late");
  }
}
