package dev.delegate.core.followup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowUpPromptTest {
  private static final RepoRef REPO = new RepoRef("local", "sample-app");
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static Job job(String details) {
    return new Job(
        "j-1",
        REPO,
        1,
        "feature/x",
        details,
        JobState.SUCCEEDED,
        1,
        T0,
        T0,
        T0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static final FollowUpComment ON_LINE =
      new FollowUpComment(
          "k-1",
          REPO,
          1,
          FollowUpComment.Kind.COMMENT,
          "mona",
          "Rename it",
          Optional.of("app.js"),
          Optional.of(12),
          Optional.of("@@ -1 +1 @@\n+let x;"),
          T0);
  private static final FollowUpComment CHECK =
      new FollowUpComment(
          "k-2",
          REPO,
          1,
          FollowUpComment.Kind.FAILED_CHECK,
          "Build",
          "== test ==\nError: boom",
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          T0);

  @Test
  void should_carry_each_comment_with_its_file_line_and_hunk_and_each_check_with_its_log() {
    String details = FollowUpPrompt.details(job("Add an export button."), List.of(ON_LINE, CHECK));

    assertThat(details)
        .isEqualTo(
            "Add an export button. Follow-up instructions: Address the review comments and fix the"
                + " failed checks below on this branch.\n\n"
                + "1. mona commented on app.js:12:\nRename it\nDiff:\n```diff\n@@ -1 +1 @@\n+let x;\n```"
                + "\n\n2. Failed check Build:\n```\n== test ==\nError: boom\n```");
  }

  @Test
  void should_drop_the_remarks_an_earlier_follow_up_already_addressed() {
    String earlier = FollowUpPrompt.details(job("Add an export button."), List.of(CHECK));

    assertThat(FollowUpPrompt.details(job(earlier), List.of(ON_LINE)))
        .startsWith("Add an export button. Follow-up instructions: Address these review comments")
        .doesNotContain("Error: boom");
  }

  @Test
  void should_keep_the_end_of_a_long_log_and_the_start_of_a_long_comment() {
    String log = "x".repeat(FollowUpComment.MAX_BODY) + "the error";
    FollowUpComment check =
        new FollowUpComment(
            "k", REPO, 1, FollowUpComment.Kind.FAILED_CHECK, "ci", log, null, null, null, T0);
    FollowUpComment comment = FollowUpComment.comment("c", REPO, 1, "mona", "start" + log, T0);

    assertThat(check.body()).hasSize(FollowUpComment.MAX_BODY).endsWith("the error");
    assertThat(comment.body()).hasSize(FollowUpComment.MAX_BODY).startsWith("start");
  }
}
