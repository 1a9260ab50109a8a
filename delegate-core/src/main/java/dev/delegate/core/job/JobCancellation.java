package dev.delegate.core.job;

import dev.delegate.core.forge.Forge;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person cancels a job. A queued job (also one waiting for a retry) ends {@code CANCELLED} at
 * once, and TASK.md's status line, the pull request's body and a comment say so. For a job a node
 * holds the store keeps a cancel request, and that node carries it out: the agent is interrupted
 * (or its wait for an answer ends), nothing is committed, the worker goes back to the pool, and the
 * job ends {@code CANCELLED} with the same status and comment. Too late once the job's commit is
 * made ({@code COMMITTING}) or the job ended.
 */
public final class JobCancellation {
  private static final Logger LOG = LoggerFactory.getLogger(JobCancellation.class);

  private final JobStore store;
  private final PullRequestStatus status;
  private final Clock clock;
  private final Consumer<String> requested;

  /**
   * @param agentName the agent named in the status line
   * @param requested told the id of a held job whose cancel was requested (an in-process processor
   *     acts on it at once)
   */
  public JobCancellation(
      JobStore store, Forge forge, String agentName, Clock clock, Consumer<String> requested) {
    this.store = store;
    this.status = new PullRequestStatus(forge, agentName);
    this.clock = clock;
    this.requested = requested;
  }

  public JobStore.Cancel cancel(String jobId, String reason) {
    JobStore.Cancel result = store.cancel(jobId, reason, clock.instant());
    switch (result) {
      case CANCELLED -> {
        LOG.info("job {} cancelled while queued: {}", jobId, reason);
        store.find(jobId).ifPresent(job -> status.ended(job, JobState.CANCELLED, reason));
      }
      case REQUESTED -> requested.accept(jobId);
      default -> {}
    }
    return result;
  }
}
