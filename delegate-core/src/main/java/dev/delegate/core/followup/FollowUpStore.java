package dev.delegate.core.followup;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.NewJob;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Remarks on pull requests, kept until a follow-up job carries them. Every method commits before it
 * returns. Several nodes may share one store: {@link #start} takes a pull request's pending remarks
 * and enqueues their job in one transaction, so each remark goes into exactly one job (or is set
 * aside once the cap is reached), whatever other nodes do at the same moment.
 */
public interface FollowUpStore {

  /** A pull request with remarks waiting. */
  record PullRequestKey(RepoRef repo, int number) {}

  /** What {@link #start} did. */
  sealed interface Outcome {}

  /** A job was enqueued with {@code comments}; the PR's task (if any) follows it. */
  record Started(Job job, String previousJobId, List<FollowUpComment> comments, int used)
      implements Outcome {}

  /** A job of the pull request is still active: the remarks wait for it to end. */
  record Waiting(String activeJobId) implements Outcome {}

  /**
   * The pull request had {@code maxFollowUps} follow-ups already: its remarks are set aside. {@code
   * firstTime} is true only for the first batch set aside, so the caller comments once.
   */
  record CapReached(boolean firstTime) implements Outcome {}

  /** No remark is waiting, the last came within the debounce, or Delegate has no job there. */
  record Nothing() implements Outcome {}

  /**
   * Keeps a remark; false, keeping nothing, when a remark with its key is kept already (a webhook
   * delivered twice, a review's comment seen in the review and on its own).
   */
  boolean add(FollowUpComment comment);

  /**
   * Pull requests whose pending remarks are all older than {@code quietSince} and that have no
   * active job (their remarks wait for it to end), oldest first, at most {@code limit}.
   */
  List<PullRequestKey> due(Instant quietSince, int limit);

  /**
   * In one transaction: takes the pull request's pending remarks when the newest is older than
   * {@code quietSince}; when a job of the pull request is active they wait ({@link Waiting}); when
   * it had {@code maxFollowUps} follow-ups they are set aside ({@link CapReached}); otherwise
   * {@code job} (given the pull request's latest job and the remarks, oldest first) is enqueued,
   * the remarks are marked as carried by it, and the task of the latest job follows it.
   */
  Outcome start(
      PullRequestKey pr,
      Instant quietSince,
      int maxFollowUps,
      BiFunction<Job, List<FollowUpComment>, NewJob> job,
      Instant now);

  /** A pull request's remarks, oldest first, pending or not. */
  List<FollowUpComment> comments(RepoRef repo, int number);

  /** How many follow-up jobs the pull request had. */
  int followUps(RepoRef repo, int number);
}
