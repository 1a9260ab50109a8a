package dev.delegate.scripted;

import static dev.delegate.scripted.AgentProcess.ENTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario's question ends the agent's output with the input prompt, as Kiro's do. */
class QuestionTest {
  @TempDir Path tmp;

  private AgentProcess start() throws Exception {
    AgentProcess agent = AgentProcess.start(Files.createDirectories(tmp.resolve("work")));
    agent.awaitPrompt(0);
    return agent;
  }

  @Test
  void should_ask_at_the_input_prompt_and_use_the_next_line_as_the_answer() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("scenario:question" + ENTER);
      agent.awaitPrompt(mark);
      assertThat(agent.plainSince(mark)).endsWith("Which colour should the button be?\n\n> ");
      int answered = agent.mark();
      agent.type("blue" + ENTER);
      agent.awaitPrompt(answered);
      assertThat(agent.plainSince(answered)).contains("You said: blue");
      assertThat(agent.events()).containsExactly("PROMPT scenario:question", "ANSWER blue");
      assertThat(agent.allEvents())
          .containsExactly("READY", "PROMPT scenario:question", "READY", "ANSWER blue", "READY");
    }
  }

  @Test
  void should_treat_clear_at_the_question_as_a_command_and_drop_the_scenario() throws Exception {
    try (AgentProcess agent = start()) {
      int mark = agent.mark();
      agent.type("scenario:question" + ENTER);
      agent.awaitPrompt(mark);
      int cleared = agent.mark();
      agent.type("/clear" + ENTER);
      agent.awaitPrompt(cleared);
      assertThat(agent.plainSince(cleared))
          .contains("Conversation cleared.")
          .doesNotContain("You said");
      assertThat(agent.events()).containsExactly("PROMPT scenario:question", "COMMAND /clear");
    }
  }
}
