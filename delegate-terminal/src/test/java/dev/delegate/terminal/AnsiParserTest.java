package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnsiParserTest {

  static List<String> parse(String... chunks) {
    RecordingSink recorder = new RecordingSink();
    AnsiParser parser = new AnsiParser(recorder);
    for (String chunk : chunks) {
      parser.feed(chunk);
    }
    return recorder.events;
  }

  static final String MIXED =
      "a\u001b[38;5;174mb\u001b[?2026h\u001b]7501;state=idle:app=codex\u001b\\"
          + "\u001b]0;✳ title\u0007\u001bP1$r0m\u001b\\\u001b(B\u001b7\u001b[>4;2m\u001b[ q"
          + "\u00a0\uD83D\uDE00\u001b_apc\u001b\\z\r\n";

  @Test
  void should_recognise_every_kind_of_sequence() {
    assertThat(String.join(" ", parse(MIXED)))
        .isEqualTo(
            "a CSI38,5,174m b CSI?2026h OSC[7501;state=idle:app=codex] OSC[0;✳ title] ESC(B ESC7"
                + " CSI>4,2m CSI q \u00a0 😀 z ^13 ^10");
  }

  @Test
  void should_give_the_same_events_wherever_the_input_is_split() {
    List<String> whole = parse(MIXED);
    for (int cut = 1; cut < MIXED.length(); cut++) {
      assertThat(parse(MIXED.substring(0, cut), MIXED.substring(cut)))
          .as("cut at %d", cut)
          .isEqualTo(whole);
    }
    assertThat(parse(Transcripts.singleChars(MIXED).toArray(String[]::new))).isEqualTo(whole);
  }

  @Test
  void should_treat_omitted_parameters_as_absent() {
    assertThat(parse("\u001b[;5H\u001b[m\u001b[2;K"))
        .containsExactly("CSI-1,5H", "CSIm", "CSI2,-1K");
  }

  @Test
  void should_abort_a_sequence_on_cancel_and_restart_it_on_escape() {
    assertThat(parse("\u001b[12\u0018x\u001b[1\u001b[2Ky")).containsExactly("x", "CSI2K", "y");
  }

  @Test
  void should_end_an_osc_interrupted_by_another_escape() {
    assertThat(parse("\u001b]0;t\u001b[1mx")).containsExactly("OSC[0;t]", "CSI1m", "x");
  }

  @Test
  void should_drop_del_c1_controls_and_broken_surrogates() {
    assertThat(parse("a\u007f\u0085\u009bb\uDE00c\uD83Dd"))
        .containsExactly("a", "b", "\uFFFD", "c", "\uFFFD", "d");
  }

  @Test
  void should_execute_controls_inside_a_sequence() {
    assertThat(parse("\u001b[1\r2Cx")).containsExactly("^13", "CSI12C", "x");
  }

  @Test
  void should_ignore_overlong_sequences_without_losing_the_text_after_them() {
    String longCsi = "\u001b[" + "1;".repeat(100) + "m";
    String longOsc = "\u001b]52;c;" + "A".repeat(AnsiParser.MAX_OSC_CHARS + 10) + "\u0007";
    assertThat(parse(longCsi + "x" + longOsc + "y")).containsExactly("x", "y");
  }
}
