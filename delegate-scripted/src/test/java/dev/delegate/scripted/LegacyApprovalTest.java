package dev.delegate.scripted;

import static dev.delegate.scripted.AgentProcess.ENTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kiro's legacy {@code [y/n/t]} approval prompt, in a real PTY, with real file writes. */
class LegacyApprovalTest {
  static final String ALLOW =
      "Allow this action? Use 't' to trust (always allow) this tool for the session. [y/n/t]: ";

  @TempDir Path tmp;
  Path work;

  private AgentProcess start() throws Exception {
    work = Files.createDirectories(tmp.resolve("work"));
    Path scenarios = Files.createDirectories(tmp.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("two-writes.scenario"),
        """
        match two writes
        write one.txt <<EOF
        first
        EOF
        write sub/two.txt <<EOF
        second
        EOF
        reply wrote both
        """);
    Files.writeString(
        scenarios.resolve("shell.scenario"), "match shell\nrun echo hello from $(pwd)\n");
    AgentProcess agent = AgentProcess.start(work, "--scenarios", scenarios.toString());
    agent.awaitPrompt(0);
    return agent;
  }

  private static long count(String text, String part) {
    return (text.length() - text.replace(part, "").length()) / part.length();
  }

  @Test
  void should_ask_once_then_write_the_file_after_y() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("please take notes" + ENTER);
      agent.awaitTextSince(mark, ALLOW);
      assertThat(agent.plainSince(mark))
          .contains("🛠️  Using tool: fs_write\n ● Path: NOTES.md\n")
          .contains("\n\n" + ALLOW);
      agent.type("y" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(work.resolve("NOTES.md")).content().contains("Request: please take notes");
      assertThat(agent.screen().stream().filter(line -> line.contains("Allow this action?")))
          .hasSize(1);
      assertThat(agent.events()).containsExactly("PROMPT please take notes", "APPROVAL fs_write y");
    }
  }

  @Test
  void should_not_write_the_file_after_n() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("please take notes" + ENTER);
      agent.awaitTextSince(mark, ALLOW);
      agent.type("n" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.plainSince(mark)).contains("Tool denied: fs_write was not run");
      assertThat(work.resolve("NOTES.md")).doesNotExist();
    }
  }

  @Test
  void should_trust_the_tool_after_t_until_clear() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("two writes" + ENTER);
      agent.awaitTextSince(mark, ALLOW);
      agent.type("t" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(count(agent.plainSince(mark), "Allow this action?")).isEqualTo(1);
      assertThat(agent.plainSince(mark)).contains("Using tool: fs_write (trusted)");
      assertThat(work.resolve("sub/two.txt")).hasContent("second");

      mark = agent.mark();
      agent.type("two writes" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.plainSince(mark)).doesNotContain("Allow this action?");

      agent.type("/clear" + ENTER);
      mark = agent.mark();
      agent.type("two writes" + ENTER);
      agent.awaitTextSince(mark, ALLOW);
      agent.type("y" + ENTER);
      agent.awaitTextSince(mark, ALLOW + "y\n ✓ Replaced one.txt");
      agent.awaitTextSince(mark, "sub/two.txt");
      agent.type("n" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.events())
          .containsExactly(
              "PROMPT two writes",
              "APPROVAL fs_write t",
              "PROMPT two writes",
              "COMMAND /clear",
              "PROMPT two writes",
              "APPROVAL fs_write y",
              "APPROVAL fs_write n");
    }
  }

  @Test
  void should_redraw_the_prompt_in_place_once_without_asking_twice() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("please take notes" + ENTER);
      AgentProcess.eventually().until(() -> count(agent.plainSince(mark), ALLOW) == 2);
      agent.type("y" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.raw()).contains("\r\u001b[2K" + LegacyUi.APPROVAL_PROMPT);
      assertThat(agent.screen().stream().filter(line -> line.contains("Allow this action?")))
          .containsExactly(ALLOW + "y");
      assertThat(agent.events()).containsExactly("PROMPT please take notes", "APPROVAL fs_write y");
    }
  }

  @Test
  void should_run_a_command_in_the_working_directory_after_approval() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("shell" + ENTER);
      agent.awaitTextSince(mark, ALLOW);
      assertThat(agent.plainSince(mark))
          .contains("🛠️  Using tool: execute_bash\nI will run the following shell command: \n")
          .contains("echo hello from $(pwd)\n\n" + ALLOW);
      agent.type("y" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.plainSince(mark))
          .contains("  hello from " + work.toRealPath() + "\n ● Exit code: 0\n");
    }
  }

  @Test
  void should_not_run_the_deny_me_command_when_denied() throws Exception {
    Path probe = Files.createDirectories(Path.of("/tmp/scripted-deny-probe"));
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("scenario:deny" + ENTER);
      agent.awaitTextSince(mark, "rm -rf /tmp/scripted-deny-probe\n\n" + ALLOW);
      agent.type("no" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(probe).exists();
      assertThat(agent.events()).contains("APPROVAL execute_bash n");
    }
  }
}
