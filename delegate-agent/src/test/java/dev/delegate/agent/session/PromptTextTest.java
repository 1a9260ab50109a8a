package dev.delegate.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.AgentProfile.SubmitStyle;
import org.junit.jupiter.api.Test;

class PromptTextTest {

  @Test
  void should_remove_carriage_returns_that_would_submit_a_command_early() {
    String typed = PromptText.sanitize("Fix it\r/quit\r and go on", SubmitStyle.TYPED);
    assertThat(typed).isEqualTo("Fix it /quit  and go on").doesNotContain("\r");
  }

  @Test
  void should_remove_ctrl_c_escape_and_c1_controls() {
    String typed =
        PromptText.sanitize("a\u0003b\u001b[201~c\u009bd\u007fe\u0004", SubmitStyle.TYPED);
    assertThat(typed).isEqualTo("ab[201~cde");
    assertThat(typed.chars()).noneMatch(ch -> ch < 0x20 || (ch >= 0x7f && ch <= 0x9f));
  }

  @Test
  void should_turn_line_breaks_into_spaces_when_typed() {
    assertThat(PromptText.sanitize("one\ntwo\r\nthree\u2028four", SubmitStyle.TYPED))
        .isEqualTo("one two three four");
  }

  @Test
  void should_keep_line_breaks_inside_a_bracketed_paste_and_never_end_it_early() {
    String keys = PromptText.keys("one\r\ntwo\u001b[201~\u0003three", SubmitStyle.PASTE);
    assertThat(keys).isEqualTo("\u001b[200~one\ntwo[201~three\u001b[201~");
    assertThat(keys.indexOf("\u001b[201~")).isEqualTo(keys.length() - 6);
  }

  @Test
  void should_keep_unicode_text_and_tabs_as_spaces() {
    assertThat(PromptText.sanitize("Add ✓ export\tbutton — ok", SubmitStyle.TYPED))
        .isEqualTo("Add ✓ export button — ok");
  }
}
