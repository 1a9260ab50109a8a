package dev.delegate.scripted;

import static dev.delegate.scripted.AgentProcess.DOWN;
import static dev.delegate.scripted.AgentProcess.ENTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kiro 2.x TUI strings, menus and double Enter after a paste, in a real PTY. */
class TuiTest {
  static final String IDLE_PROMPT = "\nask a question, or describe a task\n> ";

  @TempDir Path tmp;
  Path work;

  private AgentProcess start(String... args) throws Exception {
    work = Files.createDirectories(tmp.resolve("work"));
    String[] all = new String[args.length + 2];
    all[0] = "--ui";
    all[1] = "tui";
    System.arraycopy(args, 0, all, 2, args.length);
    return AgentProcess.start(work, all);
  }

  private static void awaitIdle(AgentProcess agent, int mark) {
    AgentProcess.eventually().until(() -> agent.plainSince(mark).endsWith(IDLE_PROMPT));
  }

  @Test
  void should_show_the_header_and_end_a_turn_with_the_credits_line() throws Exception {
    try (AgentProcess agent = start()) {
      awaitIdle(agent, 0);
      assertThat(agent.plain()).startsWith(Ui.BANNER + "\nscripted-agent · scripted · ◔ 0%\n");
      int mark = agent.mark();
      agent.type("zero-think" + ENTER);
      awaitIdle(agent, mark);
      assertThat(agent.plainSince(mark))
          .matches(
              "zero-think\nzero-think: done\\.\n\n▸ Credits: 0\\.00 • Time: \\d+s\n"
                  + Pattern.quote(IDLE_PROMPT));
    }
  }

  @Test
  void should_accept_trust_all_tools_with_down_then_enter_and_never_ask() throws Exception {
    try (AgentProcess agent = start("--trust-all-tools")) {
      agent.awaitText("❯ No, exit\n  Yes, I accept\n  Yes, and don't ask again\n");
      assertThat(agent.plain()).contains("Kiro is running in trust all tools mode");
      agent.type(DOWN);
      AgentProcess.eventually().until(() -> agent.screen().contains("❯ Yes, I accept"));
      assertThat(agent.screen()).contains("  No, exit", "  Yes, and don't ask again");
      agent.type(ENTER);
      awaitIdle(agent, 0);
      int mark = agent.mark();
      agent.type("take notes" + ENTER);
      awaitIdle(agent, mark);
      assertThat(agent.plainSince(mark))
          .contains("Using tool: fs_write (trusted)")
          .doesNotContain("Yes, single permission");
      assertThat(work.resolve("NOTES.md")).exists();
    }
  }

  @Test
  void should_exit_1_when_the_trust_dialog_is_answered_no() throws Exception {
    try (AgentProcess agent = start("--trust-all-tools")) {
      agent.awaitText("❯ No, exit\n");
      agent.type(ENTER);
      assertThat(agent.awaitExit()).isEqualTo(1);
      assertThat(agent.events()).containsExactly("EXIT 1");
    }
  }

  @Test
  void should_need_a_second_enter_after_a_paste() throws Exception {
    try (AgentProcess agent = start()) {
      awaitIdle(agent, 0);
      int mark = agent.mark();
      agent.paste("zero-think\nsecond line");
      agent.type(ENTER); // swallowed, as Kiro 2.11 does
      agent.type(" more" + ENTER);
      awaitIdle(agent, mark);
      assertThat(agent.events()).containsExactly("PROMPT zero-think\\nsecond line more");
    }
  }

  @Test
  void should_pick_trust_in_the_approval_menu_with_down_then_enter() throws Exception {
    try (AgentProcess agent = start()) {
      awaitIdle(agent, 0);
      int mark = agent.mark();
      agent.type("take notes" + ENTER);
      agent.awaitTextSince(
          mark, "❯ Yes, single permission\n  Trust, always allow in this session\n  No\n");
      assertThat(agent.plainSince(mark)).contains("🛠️  Using tool: fs_write\n ● Path: NOTES.md\n");
      agent.type(DOWN + ENTER);
      awaitIdle(agent, mark);
      assertThat(work.resolve("NOTES.md")).exists();
      assertThat(agent.events()).containsExactly("PROMPT take notes", "APPROVAL fs_write t");
      long menus =
          agent.screen().stream().filter(line -> line.endsWith("Yes, single permission")).count();
      assertThat(menus).isEqualTo(1);
    }
  }

  @Test
  void should_decline_with_no_in_the_approval_menu() throws Exception {
    try (AgentProcess agent = start()) {
      awaitIdle(agent, 0);
      int mark = agent.mark();
      agent.type("take notes" + ENTER);
      agent.awaitTextSince(mark, "  No\n");
      agent.type(DOWN + DOWN + DOWN + ENTER);
      awaitIdle(agent, mark);
      assertThat(work.resolve("NOTES.md")).doesNotExist();
      assertThat(agent.events()).containsExactly("PROMPT take notes", "APPROVAL fs_write n");
    }
  }
}
