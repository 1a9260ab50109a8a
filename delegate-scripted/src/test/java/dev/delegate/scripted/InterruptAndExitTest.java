package dev.delegate.scripted;

import static dev.delegate.scripted.AgentProcess.CTRL_C;
import static dev.delegate.scripted.AgentProcess.ENTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during a turn, a hang that ignores it, crashes and slow commands, in a real PTY. */
class InterruptAndExitTest {
  @TempDir Path tmp;

  private AgentProcess start(String... args) throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work"));
    AgentProcess agent = AgentProcess.start(work, args);
    agent.awaitText("> ");
    return agent;
  }

  @Test
  void should_abandon_a_long_think_on_ctrl_c_and_prompt_again_quickly() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("scenario:think-30" + ENTER);
      agent.awaitTextSince(mark, "Thinking...");
      agent.type(CTRL_C);
      // well within the 30 s think (a loaded machine may take seconds): abandoned, not finished
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> agent.plainSince(mark).endsWith("^C\n\n> "));
      assertThat(agent.plainSince(mark)).doesNotContain("Thought for");
      assertThat(agent.events()).containsExactly("PROMPT scenario:think-30", "INTERRUPT");
    }
  }

  @Test
  void should_show_the_idle_line_after_ctrl_c_in_the_tui() throws Exception {
    try (AgentProcess agent = start("--ui", "tui")) {
      int mark = agent.mark();
      agent.type("scenario:think-30" + ENTER);
      agent.awaitTextSince(mark, "Kiro is working");
      agent.type(CTRL_C);
      agent.awaitTextSince(mark, "^C\n\nask a question, or describe a task\n> ");
      assertThat(agent.plainSince(mark)).doesNotContain("Credits");
    }
  }

  @Test
  void should_kill_a_running_command_on_ctrl_c() throws Exception {
    Path scenarios = Files.createDirectories(tmp.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("slow.scenario"), "match slow\nrun echo started; sleep 30\n");
    try (AgentProcess agent = start("--scenarios", scenarios.toString(), "--trust-all-tools")) {
      int mark = agent.mark();
      agent.type("slow" + ENTER);
      agent.awaitTextSince(mark, "  started\n");
      agent.type(CTRL_C);
      agent.awaitPrompt(mark);
      assertThat(agent.plainSince(mark)).doesNotContain("Exit code");
    }
  }

  @Test
  void should_ignore_everything_while_hanging() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("scenario:hang" + ENTER);
      agent.awaitTextSince(mark, "Starting a task that will never finish.\n");
      int hung = agent.mark();
      agent.type(CTRL_C + "/quit" + ENTER + CTRL_C);
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(20))
          .until(() -> agent.isAlive() && agent.plainSince(hung).isEmpty());
    }
  }

  @Test
  void should_exit_with_the_crash_code() throws Exception {
    try (AgentProcess agent = start()) {
      agent.type("scenario:crash" + ENTER);
      assertThat(agent.awaitExit()).isEqualTo(3);
      assertThat(agent.screen())
          .containsSubsequence("Working on it...", "panic: scripted crash (exit code 3)");
      assertThat(agent.events()).containsExactly("PROMPT scenario:crash", "EXIT 3");
    }
  }

  @Test
  void should_flood_five_megabytes_and_come_back() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      int rawMark = agent.rawLength();
      agent.type("scenario:flood" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.rawLength() - rawMark).isGreaterThan(5 * 1024 * 1024);
      assertThat(agent.plainSince(mark))
          .contains("\nflood 0000001 the quick")
          .contains("\nFlood finished.\n");
    }
  }
}
