package dev.delegate.terminal;

import static dev.delegate.terminal.CodexReplayTest.COLS;
import static dev.delegate.terminal.CodexReplayTest.ROWS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.terminal.Replay.Frame;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Codex through the stream view, and screens compared with tmux panes of a separate run. */
class CodexViewsTest {

  @ParameterizedTest
  @MethodSource("dev.delegate.terminal.CodexReplayTest#captures")
  void should_keep_the_alternate_screen_out_of_the_stream_view(String capture, Object states) {
    Replay replay =
        Replay.of(Transcripts.randomChunks(Transcripts.read(capture), 11, 64), COLS, ROWS);
    String stream = replay.text.textSince(0);
    assertThat(stream)
        .contains("WARNING: proceeding, even though we could not create PATH aliases");
    if (capture.equals("codex-rawpty-inline.raw")) {
      // No alternate screen: the frames land in the stream as overwritten fragments; only the
      // screen view reads this mode. The lines Codex scrolls into history do come through.
      assertThat(stream).contains("• Ran printf 'hello from fake model\\n' > hello.txt");
      return;
    }
    assertThat(stream)
        .doesNotContain("OpenAI Codex")
        .doesNotContain("Ask Codex")
        .doesNotContain("Would you like")
        .doesNotContain("DONE:");
    if (capture.equals("codex-interactive.raw")) {
      assertThat(stream)
          .contains("root@vm:/srv/demo-ws# /srv/demo-ws/run-codex.sh\n")
          .contains("\nDisconnected from this task. Any running work continues.\n")
          .contains("\n  codex resume 01a20e43-e2da-78a0-91b9-ea4391216688\n");
      assertThat(replay.last().text()).contains("Token usage so far: total=45 input=30 output=15");
      assertThat(replay.screen.alternateScreen()).isFalse();
    } else {
      assertThat(replay.screen.alternateScreen()).isTrue();
    }
  }

  @Test
  void should_match_the_tmux_panes_of_the_approval_dialog_and_of_the_finished_turn() {
    Replay replay =
        Replay.of(
            Transcripts.randomChunks(Transcripts.read("codex-rawpty-osc.raw"), 1, 64), COLS, ROWS);
    Predicate<Frame> dialog = CodexReplayTest::isApprovalDialog;
    Frame approval = replay.settled(replay.first(0, dialog), dialog);
    assertThat(approval.text().lines().toList())
        .containsSubsequence(Transcripts.paneLines("codex-permission.pane.txt"));
    // The done pane comes from a run that took 9 s; this capture stops before "Worked for".
    assertThat(replay.last().text().lines().toList())
        .containsSubsequence(
            Transcripts.paneLines("codex-done.pane.txt").stream()
                .filter(l -> !l.startsWith("  Worked for"))
                .toList());
  }
}
