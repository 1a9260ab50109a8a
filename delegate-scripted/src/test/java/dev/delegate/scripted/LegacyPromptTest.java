package dev.delegate.scripted;

import static dev.delegate.scripted.AgentProcess.CTRL_C;
import static dev.delegate.scripted.AgentProcess.ENTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The legacy chat UI in a real PTY: banner, prompt, turns, commands, paste and Ctrl-C. */
class LegacyPromptTest {
  @TempDir Path tmp;

  private AgentProcess start(String... args) throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work"));
    AgentProcess agent = AgentProcess.start(work, args);
    agent.awaitPrompt(0);
    return agent;
  }

  @Test
  void should_show_the_banner_then_play_zero_think_and_come_back_to_the_prompt() throws Exception {
    try (AgentProcess agent = start()) {
      assertThat(agent.plain())
          .startsWith(Ui.BANNER + "\n🤖 You are chatting with scripted-agent\n")
          .endsWith("\n\n> ");
      assertThat(agent.raw()).startsWith("\u001b[?2004h");
      int mark = agent.mark();
      agent.type("run zero-think please" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.plainSince(mark))
          .isEqualTo("run zero-think please\nzero-think: done.\n\n> ");
      assertThat(agent.events()).containsExactly("PROMPT run zero-think please");
    }
  }

  @Test
  void should_use_the_model_name_in_the_banner() throws Exception {
    try (AgentProcess agent = start("--model", "claude-test")) {
      assertThat(agent.plain()).contains("🤖 You are chatting with claude-test\n");
    }
  }

  @Test
  void should_quit_with_exit_code_0() throws Exception {
    try (AgentProcess agent = start()) {
      agent.type("/quit" + ENTER);
      assertThat(agent.awaitExit()).isZero();
      assertThat(agent.events()).containsExactly("COMMAND /quit", "EXIT 0");
    }
  }

  @Test
  void should_treat_quit_inside_a_bracketed_paste_as_text() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.paste("zero-think\r/quit\r\u0003done");
      agent.type(ENTER); // legacy UI: one Enter submits, pasted or not
      agent.awaitPrompt(mark);
      assertThat(agent.isAlive()).isTrue();
      assertThat(agent.plainSince(mark)).contains("zero-think: done.").doesNotContain("^C");
      assertThat(agent.events()).containsExactly("PROMPT zero-think\\r/quit\\r\\u0003done");
    }
  }

  @Test
  void should_ignore_ctrl_c_at_an_empty_prompt_and_drop_a_typed_line_on_ctrl_c() throws Exception {
    try (AgentProcess agent = start()) {
      agent.type(CTRL_C + "abc" + CTRL_C);
      agent.awaitText("abc^C\n\n> ");
      int mark = agent.mark();
      agent.type("zero-think" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.plain()).startsWith(Ui.BANNER).doesNotContain("> ^C");
      assertThat(agent.events()).containsExactly("PROMPT zero-think");
    }
  }

  @Test
  void should_edit_the_line_with_backspace_and_ignore_arrow_keys() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("zero-thinx\u007fk\u001b[D\u001b[C\u001bOA" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.events()).containsExactly("PROMPT zero-think");
      assertThat(agent.screen()).contains("> zero-think");
    }
  }

  @Test
  void should_clear_the_conversation() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("/clear" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.plainSince(mark)).isEqualTo("/clear\nConversation cleared.\n\n> ");
      assertThat(agent.events()).containsExactly("COMMAND /clear");
    }
  }

  @Test
  void should_wait_for_the_answer_to_a_question() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("scenario:question" + ENTER);
      agent.awaitText("Which colour should the button be?\n");
      agent.type("blue" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.plainSince(mark)).contains("You said: blue\nI'll make the button blue.\n");
      assertThat(agent.events()).containsExactly("PROMPT scenario:question", "ANSWER blue");
    }
  }
}
