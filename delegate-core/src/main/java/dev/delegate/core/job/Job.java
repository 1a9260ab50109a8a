package dev.delegate.core.job;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.forge.RepoRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt-tracked unit of processing for a task's pull request.
 *
 * @param attempts how many times a node claimed the job
 * @param notBefore the job is not claimed before this moment (retries back off)
 * @param leaseOwner the node working on the job, while it holds the lease
 * @param commitSha the commit pushed for the job, once pushed
 * @param failure why the job failed or timed out, or why the retry it waits for was needed; empty
 *     once it moves on
 * @param question the agent's question while the job waits for an answer ({@code NEEDS_INPUT})
 * @param transcript where the agent's terminal output of the last attempt is kept
 * @param cancelRequest why a person asked to cancel the job while a node held it; the node ends it
 *     {@code CANCELLED} with this reason
 * @param ranOn the node that claimed the job last, kept after its lease ends: where the agent's
 *     terminal of the last attempt ran and its transcript lies
 * @param agent the agent that worked on the last attempt, as its processor names it ("Kiro CLI")
 * @param usage what the job's agent reported spending, summed over every turn of every attempt
 * @param budget the most the job may spend; {@link Budget#NONE} leaves it to the processor's
 *     default
 * @param kind what the job does: work on the task, or rebase the branch
 */
public record Job(
    String id,
    RepoRef repo,
    int prNumber,
    String branch,
    String taskDetails,
    JobState state,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    Instant notBefore,
    Optional<String> leaseOwner,
    Optional<Instant> leaseExpiresAt,
    Optional<String> commitSha,
    Optional<String> failure,
    Optional<String> question,
    Optional<String> transcript,
    Optional<String> cancelRequest,
    Optional<String> ranOn,
    Optional<String> agent,
    Usage usage,
    Budget budget,
    JobKind kind) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(state, "state");
    taskDetails = taskDetails == null ? "" : taskDetails;
    usage = usage == null ? Usage.NONE : usage;
    budget = budget == null ? Budget.NONE : budget;
    kind = kind == null ? JobKind.TASK : kind;
  }

  /** A job working on its task. */
  public Job(
      String id,
      RepoRef repo,
      int prNumber,
      String branch,
      String taskDetails,
      JobState state,
      int attempts,
      Instant createdAt,
      Instant updatedAt,
      Instant notBefore,
      Optional<String> leaseOwner,
      Optional<Instant> leaseExpiresAt,
      Optional<String> commitSha,
      Optional<String> failure,
      Optional<String> question,
      Optional<String> transcript,
      Optional<String> cancelRequest,
      Optional<String> ranOn,
      Optional<String> agent,
      Usage usage,
      Budget budget) {
    this(
        id,
        repo,
        prNumber,
        branch,
        taskDetails,
        state,
        attempts,
        createdAt,
        updatedAt,
        notBefore,
        leaseOwner,
        leaseExpiresAt,
        commitSha,
        failure,
        question,
        transcript,
        cancelRequest,
        ranOn,
        agent,
        usage,
        budget,
        JobKind.TASK);
  }

  /** A job that has spent nothing reported and has no budget of its own. */
  public Job(
      String id,
      RepoRef repo,
      int prNumber,
      String branch,
      String taskDetails,
      JobState state,
      int attempts,
      Instant createdAt,
      Instant updatedAt,
      Instant notBefore,
      Optional<String> leaseOwner,
      Optional<Instant> leaseExpiresAt,
      Optional<String> commitSha,
      Optional<String> failure,
      Optional<String> question,
      Optional<String> transcript,
      Optional<String> cancelRequest,
      Optional<String> ranOn,
      Optional<String> agent) {
    this(
        id,
        repo,
        prNumber,
        branch,
        taskDetails,
        state,
        attempts,
        createdAt,
        updatedAt,
        notBefore,
        leaseOwner,
        leaseExpiresAt,
        commitSha,
        failure,
        question,
        transcript,
        cancelRequest,
        ranOn,
        agent,
        Usage.NONE,
        Budget.NONE);
  }
}
