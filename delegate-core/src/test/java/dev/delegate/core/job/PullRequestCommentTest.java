package dev.delegate.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.criteria.Criterion;
import dev.delegate.core.criteria.CriterionVerdict;
import dev.delegate.core.criteria.Verdict;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PullRequestCommentTest {

  @Test
  void should_name_usage_and_a_reached_budget_in_the_pull_request_comment() {
    String ended =
        PullRequestComment.ended(
            "Kiro CLI",
            JobState.TIMED_OUT,
            "budget reached: 2.5 credits over the budget of 2",
            1,
            Usage.NONE.withCredits(new BigDecimal("2.5")),
            "job-1");

    assertThat(ended)
        .startsWith("Delegate: Kiro CLI reached the job's budget.")
        .contains("- Attempts: 1\n- Usage: 2.5 credits\n- Job: job-1\n");
    assertThat(
            PullRequestComment.ended(
                "Kiro CLI", JobState.TIMED_OUT, "the agent did not finish", 1, Usage.NONE, "j"))
        .contains("did not finish in time")
        .doesNotContain("Usage");
  }

  @Test
  void should_name_the_usage_of_a_job_that_succeeded_when_its_agent_reported_any() {
    TurnResult turn =
        new TurnResult(
            "job-1",
            1,
            TurnOutcome.COMPLETED,
            "",
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Duration.ofSeconds(3),
            Path.of("t"),
            Instant.EPOCH,
            Instant.EPOCH);

    assertThat(
            PullRequestComment.success(
                "Kiro CLI",
                turn,
                List.of(),
                "abcdef1234567",
                List.of("a.txt"),
                Usage.NONE.withInputTokens(1200).withOutputTokens(300),
                "job-1"))
        .contains("- Approvals: 0\n- Usage: 1,200 in · 300 out\n- Job: job-1\n");
    assertThat(
            PullRequestComment.success(
                "Kiro CLI", turn, List.of(), "abcdef1", List.of(), Usage.NONE, "job-1"))
        .doesNotContain("Usage");
  }

  @Test
  void should_end_the_comment_with_a_checklist_that_says_plainly_what_is_not_met() {
    TurnResult turn =
        new TurnResult(
            "job-1",
            1,
            TurnOutcome.COMPLETED,
            "",
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Duration.ofSeconds(3),
            Path.of("t"),
            Instant.EPOCH,
            Instant.EPOCH);
    Criterion judged = Criterion.of("Button appears in header");
    Criterion checked = Criterion.checked("Exports data as JSON", "npm test -- export");
    List<CriterionVerdict> verdicts =
        List.of(
            CriterionVerdict.judged(judged, Verdict.MET, "app.js:12"),
            new CriterionVerdict(
                checked, Verdict.NOT_MET, "ok 1\nnot ok 2 export", Optional.of(1)));

    String comment =
        PullRequestComment.success(
            "Kiro CLI", turn, List.of(), "abc", List.of(), Usage.NONE, "job-1", verdicts);

    assertThat(comment)
        .contains("- Acceptance criteria: 1 of 2 acceptance criteria met\n- Job: job-1\n")
        .contains("Not every acceptance criterion is met; the code was pushed all the same:")
        .endsWith(
            "- [x] Button appears in header — **met**: app.js:12\n"
                + "- [ ] Exports data as JSON — **not met** (`npm test -- export` exited 1):"
                + " not ok 2 export\n");
    assertThat(PullRequestComment.success("K", turn, List.of(), "abc", List.of(), Usage.NONE, "j"))
        .doesNotContain("criteri");
  }
}
