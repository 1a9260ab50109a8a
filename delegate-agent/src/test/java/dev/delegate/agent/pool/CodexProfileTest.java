package dev.delegate.agent.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.testkit.model.ModelServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codex profile driving the real Codex CLI in a PTY against a scripted model. */
class CodexProfileTest {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
  Path data;

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
    pool = RealAgents.start(data, "codex", model, RealCliScenarios.trustAll());
    RealCliScenarios.playAndCheck(pool, model, data);
  }

  @Test
  void should_end_the_turn_with_the_models_question_as_needs_input() throws Exception {
    model = ModelServer.start(RealCliScenarios.askFirst());
    pool = RealAgents.start(data, "codex", model, RealCliScenarios.trustAll());

    TurnResult result = RealCliScenarios.run(pool, "ask-1", "Please create a file");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.NEEDS_INPUT);
    assertThat(result.question()).contains(RealCliScenarios.QUESTION);
    assertThat(result.approvals()).isEmpty();
  }
}
