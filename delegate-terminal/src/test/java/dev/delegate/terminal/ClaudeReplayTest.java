package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.terminal.Replay.Frame;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays of Claude Code 2.1.197 captures.
 *
 * <p>Terminal size: 120 columns, 40 rows. The width shows in the bytes: the rules above and below
 * the prompt are 120 {@code ─} followed by {@code \r\r\n}, and words are placed up to {@code
 * ESC[113G}; the welcome box stops at column 104 because Claude caps its width, not because the
 * terminal is narrower. Claude never addresses rows absolutely, so the height is not in the bytes;
 * 40 is the size of the tmux panes captured alongside. {@code claude-interactive.raw} was recorded
 * inside tmux (Claude prints "tmux focus-events off") and outgrows 40 rows, so its welcome box has
 * scrolled off by the end. {@code claude-firstrun.raw} only shows its lines are at most 87 wide;
 * its pane is 120x40 and matches.
 *
 * <p>The moments of the {@code .events.txt} files ("idle marker seen", "approval prompt seen",
 * "final answer seen") are found here as the first screen showing the idle prompt, then the
 * approval menu, then the end-of-turn line; see README.md for where they fall in each capture.
 */
class ClaudeReplayTest {

  static final int COLS = 120;
  static final int ROWS = 40;
  static final String IDLE_PROMPT = "❯\u00a0";
  static final Pattern END_OF_TURN = Pattern.compile("✻ \\S+ for \\d+s");

  static Stream<Arguments> turns() {
    return Stream.of(
        Arguments.of("claude-rawpty.raw", "Do you want to create hello.txt?"),
        Arguments.of("claude-rawpty-together.raw", "Do you want to create hello.txt?"),
        Arguments.of("claude-bash-rawpty.raw", "Do you want to proceed?"),
        Arguments.of("claude-interactive.raw", "Do you want to create hello.txt?"));
  }

  @ParameterizedTest
  @MethodSource("turns")
  void should_show_idle_prompt_then_approval_menu_then_end_of_turn(
      String capture, String question) {
    String raw = Transcripts.read(capture);
    for (List<String> chunks :
        List.of(Transcripts.randomChunks(raw, 42, 64), Transcripts.singleChars(raw))) {
      Replay replay = Replay.of(chunks, COLS, ROWS);

      Frame idle = replay.first(0, ClaudeReplayTest::isIdle);
      assertThat(idle).as("idle prompt in %s", capture).isNotNull();
      assertThat(
              replay.first(0, f -> f.hasRow(IDLE_PROMPT) && f.text().contains("esc to interrupt")))
          .as("the prompt row alone does not mean idle: it stays while Claude works")
          .isNotNull();
      Frame approval = replay.first(idle.index(), f -> isApprovalMenu(f, question));
      assertThat(approval).as("approval menu after the idle prompt").isNotNull();
      Frame done =
          replay.first(
              approval.index(),
              f ->
                  f.hasRowMatching(END_OF_TURN)
                      && f.hasRow("● DONE: I created hello.txt for you.")
                      && isIdle(f));
      assertThat(done).as("end of turn after the approval menu").isNotNull();
      assertThat(replay.first(0, f -> f.hasRowMatching(END_OF_TURN)).index())
          .as("no end-of-turn line before the approval")
          .isGreaterThan(approval.index());
    }
  }

  @ParameterizedTest
  @MethodSource("turns")
  void should_read_the_same_whatever_the_chunking(String capture) {
    String raw = Transcripts.read(capture);
    Replay whole = Replay.of(List.of(raw), COLS, ROWS);
    for (List<String> chunks :
        List.of(
            Transcripts.randomChunks(raw, 7, 16),
            Transcripts.randomChunks(raw, 8, 200),
            Transcripts.singleChars(raw))) {
      Replay replay = Replay.of(chunks, COLS, ROWS);
      assertThat(replay.last().text()).isEqualTo(whole.last().text());
      assertThat(replay.text.textSince(0)).isEqualTo(whole.text.textSince(0));
      assertThat(replay.payloads("")).isEqualTo(whole.payloads(""));
      assertThat(replay.textOscs).isEqualTo(whole.payloads(""));
    }
    assertThat(whole.payloads("0;")).contains("0;✳ Claude Code");
  }

  @ParameterizedTest
  @MethodSource("turns")
  void should_keep_words_placed_by_column_apart(String capture) {
    Replay replay =
        Replay.of(Transcripts.randomChunks(Transcripts.read(capture), 3, 64), COLS, ROWS);
    assertThat(replay.frames.stream().map(Frame::text))
        .anyMatch(t -> t.contains("│ Tips for getting started "))
        .noneMatch(t -> t.contains("Tipsfor"));
    assertThat(replay.text.textSince(0))
        .contains("Tips for getting started")
        .contains("Ask Claude to create a new app or clone a repository")
        .contains("Opus 4.8 (1M context) · API Usage Billing");
  }

  /** The empty prompt between its two rules, with the idle footer (not "esc to interrupt"). */
  static boolean isIdle(Frame f) {
    return f.hasRow(IDLE_PROMPT) && f.text().contains("\n  ? for shortcuts");
  }

  static boolean isApprovalMenu(Frame f, String question) {
    return f.hasRow(" " + question)
        && f.hasRow(" ❯ 1. Yes")
        && f.hasRow("   3. No")
        && f.text().contains("\n Esc to cancel"); // drawn last: the menu is complete
  }
}
