package dev.delegate.agent.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.ToolKind;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.testkit.model.ModelServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claude-code profile driving the real Claude Code CLI in a PTY against a scripted model. */
class ClaudeCodeProfileTest {
  @TempDir Path data;
  private WorkerPool pool;
  private ModelServer model;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
    if (model != null) {
      model.close();
    }
  }

  @Test
  void should_write_the_file_answer_each_approval_once_and_notice_the_end_of_the_turn()
      throws Exception {
    model = ModelServer.start(RealCliScenarios.writeRunAnswer());
    pool = RealAgents.start(data, "claude-code", model, RealCliScenarios.trustAll());
    TurnResult result = RealCliScenarios.playAndCheck(pool, model, data);

    assertThat(result.approvals().get(0).tool()).contains("Write");
    assertThat(result.approvals().get(0).kind()).isEqualTo(ToolKind.WRITE);
    assertThat(result.approvals().get(0).path()).contains("hello.txt");
    assertThat(result.approvals().get(1).tool()).contains("Bash");
  }

  @Test
  void should_end_the_turn_with_the_models_question_as_needs_input() throws Exception {
    model = ModelServer.start(RealCliScenarios.askFirst());
    pool = RealAgents.start(data, "claude-code", model, RealCliScenarios.trustAll());

    TurnResult result = RealCliScenarios.run(pool, "ask-1", "Please create a file");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.NEEDS_INPUT);
    assertThat(result.question()).contains(RealCliScenarios.QUESTION);
    assertThat(result.approvals()).isEmpty();
  }
}
