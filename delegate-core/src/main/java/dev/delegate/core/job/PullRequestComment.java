package dev.delegate.core.job;

import dev.delegate.core.agent.ApprovalRecord;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.criteria.CriteriaSummary;
import dev.delegate.core.criteria.CriterionVerdict;
import java.util.List;
import java.util.Locale;

/** The comments a pull request gets: when its job succeeded, ended otherwise, or asks. */
final class PullRequestComment {
  private PullRequestComment() {}

  static String success(
      String agent,
      TurnResult turn,
      List<ApprovalRecord> approvals,
      String commit,
      List<String> files,
      Usage usage,
      String jobId) {
    return success(agent, turn, approvals, commit, files, usage, jobId, List.of());
  }

  /** The comment of a finished job, with a checklist of its acceptance criteria when it has any. */
  static String success(
      String agent,
      TurnResult turn,
      List<ApprovalRecord> approvals,
      String commit,
      List<String> files,
      Usage usage,
      String jobId,
      List<CriterionVerdict> verdicts) {
    StringBuilder text =
        new StringBuilder("Delegate: ")
            .append(agent)
            .append(" implemented TASK.md and pushed ")
            .append(shortSha(commit))
            .append(".\n\n");
    text.append("- Agent: ").append(agent).append('\n');
    text.append("- Duration: ").append(seconds(turn.duration().toMillis())).append('\n');
    text.append("- Files changed: ").append(files.size());
    if (!files.isEmpty()) {
      text.append(" (").append(String.join(", ", files)).append(')');
    }
    text.append('\n');
    text.append("- Approvals: ").append(approvals.size());
    if (!approvals.isEmpty()) {
      text.append(" (")
          .append(String.join("; ", approvals.stream().map(PullRequestComment::approval).toList()))
          .append(')');
    }
    text.append('\n');
    text.append(usageLine(usage));
    if (!verdicts.isEmpty()) {
      text.append("- Acceptance criteria: ").append(CriteriaSummary.of(verdicts)).append('\n');
    }
    text.append("- Job: ").append(jobId).append('\n');
    if (!verdicts.isEmpty()) {
      text.append("\n")
          .append(
              CriteriaSummary.allMet(verdicts)
                  ? "Acceptance criteria, checked one by one:\n\n"
                  : "Not every acceptance criterion is met; the code was pushed all the same:\n\n")
          .append(CriteriaSummary.checklist(verdicts));
    }
    return text.toString();
  }

  /**
   * A job that ended without finishing: what happened, what was committed, and what the person can
   * do next (retry the job, with extra instructions if they help).
   */
  static String ended(
      String agent, JobState state, String reason, int attempts, Usage usage, String jobId) {
    String what =
        switch (state) {
          case TIMED_OUT ->
              reason.startsWith(Budget.REACHED)
                  ? agent + " reached the job's budget"
                  : agent + " did not finish in time";
          case CANCELLED -> "the job was cancelled";
          default -> agent + " could not finish this pull request";
        };
    return "Delegate: "
        + what
        + ".\n\n- Reason: "
        + reason
        + "\n- Attempts: "
        + attempts
        + "\n"
        + usageLine(usage)
        + "- Job: "
        + jobId
        + "\n\nNothing was committed for this job"
        + (reason.contains("partial work pushed") ? " except the partial work named above" : "")
        + ". To run it again on the same branch: `bin/delegate retry "
        + jobId
        + " [--instructions TEXT]` (or `POST /api/jobs/"
        + jobId
        + "/retry`).\n";
  }

  /** A job waits for a person's answer to the agent's question, and how to give it. */
  static String question(String agent, String question, long waitSeconds, String jobId) {
    return "Delegate: "
        + agent
        + " has a question and waits for an answer.\n\n> "
        + question.strip().replace("\n", "\n> ")
        + "\n\nAnswer within "
        + waitSeconds
        + " s: `bin/delegate answer "
        + jobId
        + " TEXT` (or `POST /api/jobs/"
        + jobId
        + "/input` with `{\"text\": \"…\"}`).\n";
  }

  /** "- Usage: …" and a line break, when the agent reported any; else nothing. */
  private static String usageLine(Usage usage) {
    return usage.isEmpty() ? "" : "- Usage: " + UsageText.of(usage) + "\n";
  }

  private static String approval(ApprovalRecord a) {
    return a.tool().orElse("tool")
        + a.command().map(c -> " " + c).orElse("")
        + ": "
        + a.verdict().name().toLowerCase(Locale.ROOT);
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  static String shortSha(String sha) {
    return sha.length() > 10 ? sha.substring(0, 10) : sha;
  }
}
