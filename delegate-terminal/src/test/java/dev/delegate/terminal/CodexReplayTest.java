package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.terminal.Replay.Frame;
import dev.delegate.terminal.Replay.Osc;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays of Codex 0.169.0 captures.
 *
 * <p>Terminal size: 120 columns, 40 rows, read from the bytes: Codex positions everything with
 * {@code ESC[row;colH}, the largest being {@code ESC[40;…H} and {@code ESC[…;120H}, and the inline
 * capture sets the scroll region {@code ESC[1;40r}. {@code codex-interactive.raw} was started from
 * a shell and ends back at its prompt.
 *
 * <p>Codex reports its state in OSC 7501 ({@code state=idle}, {@code working}, {@code
 * blocked…kind=permission}, {@code done}), the most reliable signal; the screen confirms it. The
 * {@code .events.txt} moments map to: "idle marker seen" = the first idle OSC and the first screen
 * with the empty composer; "approval prompt seen" = the first screen with the complete approval
 * dialog, which comes after the {@code blocked} OSC; "final answer seen" = the first screen with
 * the DONE line.
 */
class CodexReplayTest {

  static final int COLS = 120;
  static final int ROWS = 40;
  static final String IDLE = "state=idle:app=codex";
  static final String WORKING = "state=working:app=codex";
  static final String BLOCKED = "state=blocked:app=codex:kind=permission";
  static final String DONE = "state=done:app=codex";

  static Stream<Arguments> captures() {
    return Stream.of(
        Arguments.of("codex-rawpty-osc.raw", List.of(IDLE, WORKING, BLOCKED, WORKING, DONE)),
        Arguments.of(
            "codex-rawpty-inline.raw", List.of(IDLE, WORKING, IDLE, WORKING, BLOCKED, WORKING)),
        Arguments.of(
            "codex-rawpty-noanswer.raw",
            List.of(IDLE, WORKING, IDLE, WORKING, BLOCKED, WORKING, DONE)),
        Arguments.of(
            "codex-interactive.raw",
            List.of(
                IDLE, WORKING, BLOCKED, WORKING, DONE, IDLE, WORKING, DONE, IDLE, "state=clear")));
  }

  @ParameterizedTest
  @MethodSource("captures")
  void should_report_osc_states_and_show_idle_then_approval_then_answer(
      String capture, List<String> states) {
    String raw = Transcripts.read(capture);
    for (List<String> chunks :
        List.of(Transcripts.randomChunks(raw, 42, 64), Transcripts.singleChars(raw))) {
      Replay replay = Replay.of(chunks, COLS, ROWS);
      assertThat(replay.payloads("7501;")).containsExactlyElementsOf(prefixed(states));
      assertThat(replay.textOscs).isEqualTo(replay.payloads(""));

      Frame idle = replay.first(0, f -> f.hasRow("› Ask Codex to do anything"));
      assertThat(idle).as("idle composer in %s", capture).isNotNull();
      Frame approval = replay.first(idle.index(), CodexReplayTest::isApprovalDialog);
      assertThat(approval).as("approval dialog").isNotNull();
      Osc blocked =
          replay.oscs.stream().filter(o -> o.payload().endsWith(BLOCKED)).findFirst().get();
      assertThat(approval.index())
          .as("the dialog is complete only after the blocked OSC")
          .isGreaterThanOrEqualTo(blocked.framesBefore());
      if (chunks.size() == raw.length()) { // frames are exact: blocked came before the dialog
        assertThat(isApprovalDialog(replay.frames.get(blocked.framesBefore() - 1))).isFalse();
      }
      Frame answer =
          replay.first(
              approval.index(), f -> f.text().contains("\n• DONE: I created hello.txt for you."));
      assertThat(answer).as("final answer").isNotNull();
      assertThat(replay.first(0, f -> f.text().contains("DONE:")).index())
          .as("no answer before the approval")
          .isGreaterThan(approval.index());
    }
  }

  @ParameterizedTest
  @MethodSource("captures")
  void should_read_the_same_whatever_the_chunking(String capture) {
    String raw = Transcripts.read(capture);
    Replay whole = Replay.of(List.of(raw), COLS, ROWS);
    for (List<String> chunks :
        List.of(Transcripts.randomChunks(raw, 9, 16), Transcripts.singleChars(raw))) {
      Replay replay = Replay.of(chunks, COLS, ROWS);
      assertThat(replay.last().text()).isEqualTo(whole.last().text());
      assertThat(replay.text.textSince(0)).isEqualTo(whole.text.textSince(0));
      assertThat(replay.payloads("")).isEqualTo(whole.payloads(""));
    }
  }

  @Test
  void should_show_only_complete_frames_outside_synchronized_updates() {
    String raw = Transcripts.read("codex-rawpty-osc.raw");
    Predicate<Frame> halfDrawn =
        f -> f.text().contains("Press enter to confirm") && !isApprovalDialog(f);
    List<String> chunks = Transcripts.singleChars(raw);
    assertThat(Replay.of(chunks, COLS, ROWS, false).frames).anyMatch(halfDrawn);
    assertThat(Replay.of(chunks, COLS, ROWS, true).frames).noneMatch(halfDrawn);
  }

  @Test
  void should_show_worked_for_when_the_turn_ends() {
    for (String capture : List.of("codex-rawpty-noanswer.raw", "codex-interactive.raw")) {
      Replay replay =
          Replay.of(Transcripts.randomChunks(Transcripts.read(capture), 5, 64), COLS, ROWS);
      Frame done = replay.first(0, f -> f.text().contains("\n  Worked for "));
      assertThat(done).as("Worked for in %s", capture).isNotNull();
      assertThat(done.text()).contains("\n› Ask Codex to do anything\n");
    }
  }

  static boolean isApprovalDialog(Frame f) {
    return f.hasRow("  Would you like to run the following command?")
        && f.hasRow("› 1. Yes, proceed (y)")
        && f.hasRow("  Press enter to confirm or esc to cancel");
  }

  static List<String> prefixed(List<String> states) {
    return states.stream().map(s -> "7501;" + s).toList();
  }
}
