package dev.delegate.terminal;

import static dev.delegate.terminal.ClaudeReplayTest.COLS;
import static dev.delegate.terminal.ClaudeReplayTest.END_OF_TURN;
import static dev.delegate.terminal.ClaudeReplayTest.ROWS;
import static dev.delegate.terminal.ClaudeReplayTest.isApprovalMenu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.terminal.Replay.Frame;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Claude screens compared with what tmux showed in a separate run of the same scenario. */
class ClaudePaneTest {

  @Test
  void should_match_the_tmux_panes_of_a_write_approval_and_of_the_finished_turn() {
    Replay replay =
        Replay.of(
            Transcripts.randomChunks(Transcripts.read("claude-rawpty.raw"), 1, 64), COLS, ROWS);
    Predicate<Frame> menu = f -> isApprovalMenu(f, "Do you want to create hello.txt?");
    Frame approval = replay.settled(replay.first(0, menu), menu);
    assertThat(approval.text().lines().toList())
        .contains(
            "❯ Please create hello.txt",
            "● I'll create the file.",
            "● Write(hello.txt)",
            " Create file",
            " hello.txt",
            "  1 hello from fake model",
            " Do you want to create hello.txt?",
            " ❯ 1. Yes",
            "   2. Yes, allow all edits during this session (shift+tab)",
            "   3. No",
            " Esc to cancel · Tab to amend")
        .containsSubsequence(withoutShellLines("claude-permission.pane.txt"));

    // The pane comes from another run: its end-of-turn verb differs and its footer lacks "/effort".
    assertThat(replay.last().text().lines().toList())
        .containsSubsequence(
            withoutShellLines("claude-done.pane.txt").stream()
                .filter(l -> !l.startsWith("  ? for shortcuts"))
                .map(l -> END_OF_TURN.matcher(l).matches() ? "✻ Crunched for 0s" : l)
                .toList());
  }

  @Test
  void should_show_the_first_run_error_like_tmux() {
    Replay replay =
        Replay.of(Transcripts.singleChars(Transcripts.read("claude-firstrun.raw")), COLS, ROWS);
    assertThat(replay.last().text().lines().filter(l -> !l.isBlank()).toList())
        .containsExactlyElementsOf(Transcripts.paneLines("claude-firstrun.pane.txt"));
  }

  /** A pane's non-blank lines after the two lines of the shell that started Claude. */
  static List<String> withoutShellLines(String pane) {
    List<String> lines = Transcripts.paneLines(pane);
    assertThat(lines.get(1)).startsWith("root@vm:");
    return lines.subList(2, lines.size());
  }
}
