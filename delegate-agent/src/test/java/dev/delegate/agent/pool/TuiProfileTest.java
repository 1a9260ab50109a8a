package dev.delegate.agent.pool;

import static dev.delegate.agent.pool.ScriptedPool.agentEvents;
import static dev.delegate.agent.pool.ScriptedPool.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiro-tui profile's strings and keys, played by the scripted agent in TUI mode. */
class TuiProfileTest {
  @TempDir Path data;
  private WorkerPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  void should_paste_the_prompt_with_two_enters_and_answer_the_permission_menu() throws Exception {
    pool = ScriptedPool.start(data, "scripted-tui", 1, ApprovalPolicy.TRUST_ALL, c -> c);
    TurnResult result = run(pool, "tui", "Please write some notes\nabout the project");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(result.output()).contains("▸ Credits:");
    assertThat(result.approvals())
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.verdict()).isEqualTo(ApprovalVerdict.TRUST));
    assertThat(agentEvents(data)).anyMatch(e -> e.startsWith("PROMPT Please write some notes\\n"));
    assertThat(agentEvents(data).stream().filter(e -> e.startsWith("APPROVAL")))
        .hasSameSizeAs(result.approvals())
        .allSatisfy(e -> assertThat(e).endsWith(" t"));
    assertThat(run(pool, "again", "zero-think").outcome()).isEqualTo(TurnOutcome.COMPLETED);
  }

  @Test
  void should_accept_the_trust_all_dialog_with_down_then_enter() throws Exception {
    AgentProfile tui = ScriptedPool.profile("scripted-tui");
    List<String> args = new ArrayList<>(tui.args());
    args.add("--trust-all-tools");
    AgentProfile trusting =
        new AgentProfile(
            tui.name(),
            tui.displayName(),
            tui.description(),
            tui.command(),
            args,
            tui.env(),
            tui.terminal(),
            tui.startup(),
            tui.busy(),
            tui.endOfTurn(),
            tui.approvals(),
            tui.questions(),
            tui.reset(),
            tui.submit(),
            tui.interruptKeys(),
            tui.exitCommand());
    pool = ScriptedPool.start(data, trusting, 1, ApprovalPolicy.TRUST_ALL, c -> c);

    TurnResult result = run(pool, "trusting", "Please write some notes");

    assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
    assertThat(result.approvals()).isEmpty(); // trust-all mode asks nothing
    assertThat(Files.list(data.resolve("workers/1"))).isNotEmpty();
    assertThat(pool.snapshot().workers().get(0).restarts()).isZero();
  }
}
