package dev.delegate.core.job;

import java.util.Optional;

/**
 * A new job on the same pull request and branch as an earlier one (a retry, or a follow-up to a
 * review or a failed check): the earlier commits stay, the task details, budget and acceptance
 * criteria carry over, and {@code instructions} are appended to the agent's prompt.
 */
public final class FollowUp {
  /** What comes before a person's instructions in the task details. */
  public static final String INSTRUCTIONS = "Additional instructions: ";

  private FollowUp() {}

  /**
   * @param jobs where the earlier job's criteria are kept
   * @param id the new job's id
   */
  public static NewJob of(JobStore jobs, Job earlier, String id, Optional<String> instructions) {
    String details =
        earlier.taskDetails()
            + instructions
                .map(String::strip)
                .filter(i -> !i.isEmpty())
                .map(i -> " " + INSTRUCTIONS + i)
                .orElse("");
    return new NewJob(
        id,
        earlier.repo(),
        earlier.prNumber(),
        earlier.branch(),
        details,
        earlier.budget(), // the same budget, counted anew for the new job
        jobs.criteria(earlier.id()).criteria());
  }
}
