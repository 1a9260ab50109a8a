package dev.delegate.server.rebase;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.FollowUp;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobKind;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.TaskStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@link JobKind#REBASE} jobs: for one pull request when asked ({@link #request}), or for
 * every pull request of Delegate's that no longer merges after its base moved ({@link #baseMoved}).
 * A rebase job is a new job on the pull request's branch, as a retry is; the task of the pull
 * request's last job follows it.
 */
public final class Rebases {
  private static final Logger LOG = LoggerFactory.getLogger(Rebases.class);

  private final JobStore jobs;
  private final Optional<TaskStore> tasks;
  private final Forge forge;
  private final Runnable wake;
  private final Clock clock;

  /**
   * @param wake looks for work in an in-process processor, if any
   */
  public Rebases(
      JobStore jobs, Optional<TaskStore> tasks, Forge forge, Runnable wake, Clock clock) {
    this.jobs = jobs;
    this.tasks = tasks;
    this.forge = forge;
    this.wake = wake;
    this.clock = clock;
  }

  /**
   * Queues a rebase job for pull request {@code number}, with {@code instructions} (may be blank)
   * added to the agent's prompt. When a job of the pull request is active, nothing is queued and
   * that job is returned ({@code created} false).
   *
   * @param reason why, for the log and the job's first event
   * @throws PermanentException when the pull request does not exist or is not open
   */
  public JobStore.Enqueued request(RepoRef repo, int number, String reason, String instructions) {
    PullRequest pr =
        forge
            .pullRequest(repo, number)
            .orElseThrow(
                () -> new PermanentException("no pull request #" + number + " in " + repo));
    if (!"open".equals(pr.state())) {
      throw new PermanentException(
          "pull request #" + number + " of " + repo + " is " + pr.state() + "; nothing to rebase");
    }
    Optional<Job> last = jobs.findByPullRequest(repo, number);
    String id = UUID.randomUUID().toString();
    Optional<String> asked = Optional.ofNullable(instructions).map(String::strip);
    // the last job's task details (without earlier instructions: the prompt takes only these),
    // budget and criteria carry over, for the jobs after this one
    String added = asked.filter(i -> !i.isEmpty()).map(i -> FollowUp.INSTRUCTIONS + i).orElse("");
    NewJob base = last.map(j -> FollowUp.of(jobs, j, id, Optional.empty())).orElse(null);
    String task = base == null ? "" : base.taskDetails();
    int earlier = task.indexOf(FollowUp.INSTRUCTIONS);
    task = (earlier < 0 ? task : task.substring(0, earlier)).strip();
    NewJob next =
        new NewJob(
            id,
            repo,
            number,
            pr.head(),
            (task + " " + added).strip(),
            base == null ? null : base.budget(),
            base == null ? List.of() : base.criteria(),
            JobKind.REBASE);
    JobStore.Enqueued enqueued = jobs.enqueue(next, clock.instant());
    if (enqueued.created()) {
      last.ifPresent(j -> tasks.ifPresent(t -> t.followJob(j.id(), next.id(), clock.instant())));
      LOG.info("{}#{}: rebase job {} queued: {}", repo, number, next.id(), reason);
      wake.run();
    }
    return enqueued;
  }

  /**
   * Looks at the open pull requests of {@code repo} whose base is {@code base} (any, when empty)
   * and that Delegate has worked on: each the forge says no longer merges gets a rebase job, unless
   * a job of it is active or its last job is a rebase that failed (a person asks again, or retries
   * that job). Returns the jobs queued.
   */
  public List<Job> baseMoved(RepoRef repo, Optional<String> base) {
    List<Job> queued = new ArrayList<>();
    for (PullRequest pr : forge.openPullRequests(repo)) {
      if (base.isPresent() && !base.get().equals(pr.base())) {
        continue;
      }
      Optional<Job> last = jobs.findByPullRequest(repo, pr.number());
      if (last.isEmpty()
          || last.get().state().isActive()
          || (last.get().kind() == JobKind.REBASE && last.get().state() != JobState.SUCCEEDED)) {
        continue;
      }
      if (forge.merges(repo, pr.number()).orElse(true)) {
        continue;
      }
      JobStore.Enqueued enqueued =
          request(repo, pr.number(), pr.base() + " moved and the pull request conflicts", "");
      if (enqueued.created()) {
        queued.add(enqueued.job());
      }
    }
    return queued;
  }
}
