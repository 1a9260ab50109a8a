package dev.delegate.core.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.criteria.AgentVerdicts.Numbered;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentVerdictsTest {
  private static final List<Numbered> ASKED =
      List.of(
          new Numbered(1, Criterion.of("Button appears in header")),
          new Numbered(3, Criterion.of("Exports data as JSON")));

  private static List<Verdict> verdicts(String answer) {
    return AgentVerdicts.parse(answer, ASKED).stream().map(CriterionVerdict::verdict).toList();
  }

  @Test
  void should_read_one_line_per_criterion_with_its_evidence() {
    List<CriterionVerdict> read =
        AgentVerdicts.parse(
            """
            Here is my judgement:
            VERDICT 1 | met | apps/frontend/public/app.js:12
            VERDICT 3 | not met | no download happens: exportData() is never called
            """,
            ASKED);

    assertThat(read)
        .extracting(CriterionVerdict::verdict)
        .containsExactly(Verdict.MET, Verdict.NOT_MET);
    assertThat(read.get(0).evidence()).isEqualTo("apps/frontend/public/app.js:12");
    assertThat(read.get(0).criterion().text()).isEqualTo("Button appears in header");
    assertThat(read.get(1).evidence()).startsWith("no download happens");
  }

  @Test
  void should_take_case_spacing_and_markdown_around_a_line() {
    assertThat(verdicts("  - `verdict #1 |  MET | a.js:1`\n* VERDICT 3|Not_Met|b.js:2"))
        .containsExactly(Verdict.MET, Verdict.NOT_MET);
  }

  @Test
  void should_make_a_criterion_without_a_line_unknown() {
    List<CriterionVerdict> read = AgentVerdicts.parse("VERDICT 1 | met | a.js:3", ASKED);

    assertThat(read.get(0).verdict()).isEqualTo(Verdict.MET);
    assertThat(read.get(1).verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(read.get(1).evidence()).contains("no verdict for criterion 3");
  }

  @Test
  void should_never_take_garbage_for_met() {
    assertThat(verdicts("")).containsOnly(Verdict.UNKNOWN);
    assertThat(verdicts("All criteria are met! Everything works.")).containsOnly(Verdict.UNKNOWN);
    assertThat(verdicts("VERDICT 1 | probably | looks fine\nVERDICT 3 | yes | a.js:1"))
        .containsOnly(Verdict.UNKNOWN);
    assertThat(verdicts("VERDICT 1 met a.js:1\nVERDICT three | met | a.js:1"))
        .containsOnly(Verdict.UNKNOWN);
  }

  @Test
  void should_not_take_met_without_evidence() {
    assertThat(verdicts("VERDICT 1 | met |\nVERDICT 3 | met |   ")).containsOnly(Verdict.UNKNOWN);
  }

  @Test
  void should_let_the_last_line_of_a_criterion_count() {
    assertThat(
            verdicts("VERDICT 1 | not met | x\nVERDICT 1 | met | a.js:4\nVERDICT 3 | unknown | ?"))
        .containsExactly(Verdict.MET, Verdict.UNKNOWN);
  }

  @Test
  void should_ignore_lines_for_criteria_not_asked_about() {
    assertThat(verdicts("VERDICT 2 | met | a.js:1\nVERDICT 1 | met | a.js:2"))
        .containsExactly(Verdict.MET, Verdict.UNKNOWN);
  }

  @Test
  void should_ask_in_a_form_whose_echo_parses_to_nothing() {
    String prompt = AgentVerdicts.prompt(ASKED, 1);

    assertThat(prompt)
        .contains("VERDICT <number> |")
        .contains("Answer for criteria 1, 3.")
        .contains("1. Button appears in header\n3. Exports data as JSON");
    assertThat(verdicts(prompt)).containsOnly(Verdict.UNKNOWN);
  }
}
