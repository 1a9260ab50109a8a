package dev.delegate.core.followup;

import dev.delegate.core.job.Job;
import java.util.List;

/** The instructions a follow-up job appends to its pull request's task, one block per remark. */
public final class FollowUpPrompt {
  private FollowUpPrompt() {}

  /** Where a follow-up's instructions start in its task details. */
  public static final String MARKER = " Follow-up instructions: ";

  /**
   * The task details of the follow-up of {@code previous} for {@code comments}: the task as the
   * previous job had it, without an earlier follow-up's remarks (already addressed), then these.
   */
  public static String details(Job previous, List<FollowUpComment> comments) {
    String task = previous.taskDetails();
    int earlier = task.indexOf(MARKER);
    return (earlier < 0 ? task : task.substring(0, earlier)) + MARKER + instructions(comments);
  }

  static String instructions(List<FollowUpComment> comments) {
    boolean checks = comments.stream().anyMatch(c -> c.kind() == FollowUpComment.Kind.FAILED_CHECK);
    boolean reviews = comments.stream().anyMatch(c -> c.kind() == FollowUpComment.Kind.COMMENT);
    StringBuilder text = new StringBuilder();
    if (reviews && checks) {
      text.append("Address the review comments and fix the failed checks below on this branch.");
    } else if (checks) {
      text.append(
          "A check failed on this branch; fix the cause. Its log ends with the lines below.");
    } else {
      text.append("Address these review comments on this branch.");
    }
    int n = 1;
    for (FollowUpComment c : comments) {
      text.append("\n\n").append(n++).append(". ");
      if (c.kind() == FollowUpComment.Kind.FAILED_CHECK) {
        text.append("Failed check ").append(c.author()).append(":\n```\n");
        text.append(c.body().strip()).append("\n```");
        continue;
      }
      text.append(c.author().isBlank() ? "Comment" : c.author() + " commented");
      c.path()
          .ifPresent(
              p -> text.append(" on ").append(p).append(c.line().map(l -> ":" + l).orElse("")));
      text.append(":\n").append(c.body().strip());
      c.diffHunk()
          .ifPresent(h -> text.append("\nDiff:\n```diff\n").append(h.strip()).append("\n```"));
    }
    return text.toString();
  }
}
