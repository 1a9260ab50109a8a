package dev.delegate.agent.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.testkit.model.ModelServer;
import dev.delegate.testkit.model.RecordedRequest;
import dev.delegate.testkit.model.Scenario;
import dev.delegate.testkit.model.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The scenario both real-CLI tests play, and what they check. */
final class RealCliScenarios {
  static final String FINAL = "DONE: I created hello.txt for you.";
  static final String SHELL = "printf 'from the shell\\n' > second.txt";
  static final Duration TURN = Duration.ofSeconds(90);

  private RealCliScenarios() {}

  /** Writes hello.txt, runs a shell command, answers; a prompt starting "Say" only gets text. */
  static Scenario writeRunAnswer() {
    return Scenario.builder()
        .then(
            c ->
                c.lastUserText().startsWith("Say")
                    ? Step.text("hi there")
                    : Step.writeFile("hello.txt", "hello from the scripted model\n"))
        .shell(SHELL)
        .text(FINAL)
        .build();
  }

  static final String QUESTION = "Which name should the file have?";

  /** Asks a question first; the answer names the file it then writes. */
  static Scenario askFirst() {
    return Scenario.builder()
        .question(QUESTION)
        .then(c -> Step.writeFile(c.lastUserText().strip() + ".txt", "named by the answer\n"))
        .text("DONE: I created the file you named.")
        .build();
  }

  static TurnResult run(WorkerPool pool, String jobId, String prompt) throws Exception {
    return pool.submit(new TurnRequest(jobId, prompt, TURN))
        .get(TURN.toSeconds() + 30, TimeUnit.SECONDS);
  }

  /** Plays the scenario, then a second job after the reset; returns the first job's result. */
  static TurnResult playAndCheck(WorkerPool pool, ModelServer model, Path data) throws Exception {
    TurnResult result = run(pool, "write-1", "Please create hello.txt");

    assertThat(result.outcome()).as(result.failure().orElse("")).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(result.output()).as(model.describeRequests()).contains(FINAL);
    Path work = data.resolve("workers/1");
    assertThat(work.resolve("hello.txt")).hasContent("hello from the scripted model");
    assertThat(work.resolve("second.txt")).hasContent("from the shell");
    assertThat(result.approvals())
        .as("one approval per tool call, each answered once")
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.verdict()).isEqualTo(ApprovalVerdict.TRUST));
    assertThat(result.approvals().get(1).command())
        .hasValueSatisfying(c -> assertThat(c).contains("second.txt"));

    List<RecordedRequest> steps = model.stepRequests();
    RecordedRequest last = steps.get(steps.size() - 1);
    assertThat(last.conversation().orElseThrow().toolResultIds())
        .as("exactly one tool result per tool call")
        .containsExactlyElementsOf(model.toolCalls());
    assertThat(model.requests().stream().filter(r -> r.conversation().isPresent()))
        .allSatisfy(r -> assertThat(r.keyMatched()).as("key sent on " + r.path()).isTrue());

    // raw terminal bytes: a turn's slice may start or end inside a multi-byte character
    String transcript = new String(Files.readAllBytes(result.transcript()), StandardCharsets.UTF_8);
    assertThat(transcript + result.output())
        .doesNotContain(model.apiKey())
        .doesNotContain(model.apiKey().substring(model.apiKey().length() - 20));

    int before = model.stepRequests().size();
    TurnResult again = run(pool, "say-2", "Say hi");
    assertThat(again.outcome()).as(again.failure().orElse("")).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(again.output()).contains("hi there").doesNotContain(FINAL);
    assertThat(again.approvals()).isEmpty();
    assertThat(model.stepRequests().get(before).conversation().orElseThrow().modelAnswers())
        .as("the reset started a new conversation")
        .isZero();
    return result;
  }

  static ApprovalPolicy trustAll() {
    return ApprovalPolicy.TRUST_ALL;
  }
}
