package dev.delegate.core.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriteriaLoopTest {
  @TempDir Path workspace;

  private final CheckCommand checks =
      new CheckCommand(Duration.ofSeconds(20), Map.of("PATH", System.getenv("PATH")));

  private static TurnResult turn(String output) {
    return new TurnResult(
        "job-1",
        1,
        TurnOutcome.COMPLETED,
        output,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Duration.ofSeconds(1),
        Path.of("t"),
        Instant.EPOCH,
        Instant.EPOCH);
  }

  private static List<Verdict> verdicts(CriteriaLoop loop) {
    return loop.verdicts().stream().map(CriterionVerdict::verdict).toList();
  }

  @Test
  void should_finish_at_once_without_criteria() throws Exception {
    CriteriaLoop loop = new CriteriaLoop(List.of(), 1, checks);

    assertThat(loop.next(workspace, turn("done"))).isEmpty();
    assertThat(loop.verdicts()).isEmpty();
  }

  @Test
  void should_run_checks_then_ask_the_agent_about_the_rest() throws Exception {
    CriteriaLoop loop =
        new CriteriaLoop(
            List.of(
                Criterion.checked("The build passes", "true"),
                Criterion.of("Button appears in header")),
            1,
            checks);

    Optional<String> ask = loop.next(workspace, turn("I added the button."));

    assertThat(ask).hasValueSatisfying(p -> assertThat(p).contains("Answer for criteria 2."));
    assertThat(loop.next(workspace, turn("VERDICT 2 | met | app.js:7"))).isEmpty();
    assertThat(verdicts(loop)).containsExactly(Verdict.MET, Verdict.MET);
    assertThat(loop.fixes()).isZero();
  }

  @Test
  void should_send_unmet_criteria_back_and_check_again() throws Exception {
    CriteriaLoop loop =
        new CriteriaLoop(
            List.of(
                Criterion.checked(
                    "CHANGELOG.md mentions the export", "grep -q Export CHANGELOG.md"),
                Criterion.of("Button appears in header")),
            1,
            checks);

    assertThat(loop.next(workspace, turn("work done"))).isPresent();
    Optional<String> fix = loop.next(workspace, turn("VERDICT 2 | met | app.js:7"));

    assertThat(fix)
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .contains("not met yet")
                    .contains("1. CHANGELOG.md mentions the export (check: `grep -q Export")
                    .doesNotContain("Button appears"));
    assertThat(verdicts(loop)).containsExactly(Verdict.NOT_MET, Verdict.MET);
    Files.writeString(workspace.resolve("CHANGELOG.md"), "Export button\n");
    assertThat(loop.next(workspace, turn("Added CHANGELOG.md."))).isPresent();
    assertThat(loop.next(workspace, turn("VERDICT 2 | met | app.js:7"))).isEmpty();
    assertThat(verdicts(loop)).containsExactly(Verdict.MET, Verdict.MET);
    assertThat(loop.fixes()).isEqualTo(1);
  }

  @Test
  void should_stop_after_the_rounds_with_what_is_still_unmet() throws Exception {
    CriteriaLoop loop = new CriteriaLoop(List.of(Criterion.checked("Never", "exit 1")), 2, checks);

    assertThat(loop.next(workspace, turn("work"))).isPresent();
    assertThat(loop.next(workspace, turn("fix 1"))).isPresent();
    assertThat(loop.next(workspace, turn("fix 2"))).isEmpty();
    assertThat(loop.fixes()).isEqualTo(2);
    assertThat(verdicts(loop)).containsExactly(Verdict.NOT_MET);
    assertThat(loop.verdicts().getFirst().exitCode()).hasValue(1);
  }

  @Test
  void should_only_report_with_no_rounds() throws Exception {
    CriteriaLoop loop = new CriteriaLoop(List.of(Criterion.of("Something")), 0, checks);

    assertThat(loop.next(workspace, turn("work"))).isPresent();
    assertThat(loop.next(workspace, turn("I cannot tell."))).isEmpty();
    assertThat(verdicts(loop)).containsExactly(Verdict.UNKNOWN);
  }

  @Test
  void should_give_unknown_when_the_judging_turn_never_ended() throws Exception {
    CriteriaLoop loop =
        new CriteriaLoop(
            List.of(Criterion.checked("Passes", "true"), Criterion.of("Judged")), 1, checks);

    loop.next(workspace, turn("work"));

    assertThat(loop.workCompleted()).isTrue();
    assertThat(verdicts(loop)).containsExactly(Verdict.MET, Verdict.UNKNOWN);
  }
}
