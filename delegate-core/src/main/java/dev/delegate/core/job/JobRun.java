package dev.delegate.core.job;

import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.PoolFullException;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.task.TaskDocument;
import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.core.workspace.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one job: checks that no earlier attempt already pushed, has a worker prepare its
 * workspace on the PR branch and run the agent, then commits (with the job id as a trailer),
 * pushes, updates TASK.md's status line and comments on the pull request. Every state change is a
 * store transition; a failure is retried by the policy when it may pass.
 */
final class JobRun {
  static final String TRAILER = "Delegate-Job";
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

  private final Job job;
  private final ProcessorSettings settings;
  private final JobStore store;
  private final Forge forge;
  private final Workspaces workspaces;
  private final AgentPool pool;
  private final Clock clock;
  private volatile Workspace workspace;
  private volatile RuntimeException preparationFailure;

  JobRun(
      Job job,
      ProcessorSettings settings,
      JobStore store,
      Forge forge,
      Workspaces workspaces,
      AgentPool pool,
      Clock clock) {
    this.job = job;
    this.settings = settings;
    this.store = store;
    this.forge = forge;
    this.workspaces = workspaces;
    this.pool = pool;
    this.clock = clock;
  }

  void run() {
    LeaseKeeper lease = LeaseKeeper.start(job.id(), settings, store, clock);
    try {
      process();
    } catch (LostJob e) {
      LOG.warn("job {}: {}", job.id(), e.getMessage());
    } catch (PoolBusy e) {
      java.time.Instant later = clock.instant().plusSeconds(2);
      move(
          JobState.QUEUED,
          "the worker pool is full; waiting",
          JobChange.retryAt(later, e.getMessage()));
    } catch (PermanentException e) {
      move(JobState.FAILED, e.getMessage(), JobChange.failure(e.getMessage()));
    } catch (RuntimeException e) {
      retryOrFail(e.getMessage() == null ? e.toString() : e.getMessage());
    } finally {
      lease.stop();
    }
  }

  private void process() {
    GitRemote remote = forge.remote(job.repo());
    Optional<String> pushed =
        workspaces.findPushedCommit(job.repo(), remote, job.branch(), TRAILER, job.id());
    if (pushed.isPresent()) {
      finishAlreadyPushed(pushed.get());
      return;
    }
    TurnResult turn = runAgent(remote);
    String transcript = turn.transcript().toString();
    switch (turn.outcome()) {
      case COMPLETED -> commitAndPush(turn);
      case TIMED_OUT -> timedOut(turn, transcript);
      case NEEDS_INPUT ->
          move(
              JobState.NEEDS_INPUT,
              "the agent asks: " + turn.question().orElse(""),
              JobChange.failure(turn.question().orElse("")).withTranscript(transcript));
      case FAILED -> {
        if (preparationFailure instanceof PermanentException permanent) {
          throw permanent;
        }
        retryOrFail(turn.failure().orElse("the agent failed"));
      }
    }
  }

  private TurnResult runAgent(GitRemote remote) {
    TurnRequest request =
        new TurnRequest(
            job.id(),
            TaskDocument.promptFor(job.taskDetails()),
            settings.turnTimeout(),
            directory -> prepare(remote, directory));
    try {
      return pool.submit(request).get();
    } catch (PoolFullException e) {
      throw new PoolBusy(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LostJob("interrupted while the agent worked");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the pool failed a turn instead of reporting it: a bug", e);
    }
  }

  private void prepare(GitRemote remote, Path directory) {
    try {
      workspace = workspaces.prepare(job.repo(), remote, job.branch(), directory);
    } catch (RuntimeException e) {
      preparationFailure = e;
      throw e;
    }
    move(
        JobState.RUNNING,
        "workspace "
            + directory
            + " on "
            + job.branch()
            + " at "
            + PullRequestComment.shortSha(workspace.baseSha())
            + "; the agent is working",
        JobChange.NONE);
  }

  private void commitAndPush(TurnResult turn) {
    Workspace ws = workspace;
    if (!workspaces.hasChanges(ws)) {
      throw new PermanentException("the agent made no changes");
    }
    String took = PullRequestComment.seconds(turn.duration().toMillis());
    move(JobState.COMMITTING, "the agent finished in " + took + "; committing", JobChange.NONE);
    updateTaskStatus(ws, "✅ Code generated by " + settings.agentName() + " in " + took);
    String sha = commit(ws, "feat: implement feature via " + settings.agentName());
    String head = workspaces.push(ws);
    List<String> files = workspaces.changedFiles(ws, head);
    move(
        JobState.SUCCEEDED,
        "pushed " + PullRequestComment.shortSha(head) + " to " + job.branch(),
        JobChange.commit(head).withTranscript(turn.transcript().toString()));
    comment(PullRequestComment.success(settings.agentName(), turn, head, files, job.id()));
    LOG.info("job {}: committed {} and pushed {}", job.id(), sha, head);
  }

  private void timedOut(TurnResult turn, String transcript) {
    String reason = "the agent did not finish within " + settings.turnTimeout().toSeconds() + " s";
    if (settings.pushPartialWork() && workspace != null && workspaces.hasChanges(workspace)) {
      updateTaskStatus(workspace, "❌ " + settings.agentName() + " timed out; partial work");
      commit(workspace, "wip: partial work via " + settings.agentName() + " (timed out)");
      String head = workspaces.push(workspace);
      reason += "; partial work pushed as " + PullRequestComment.shortSha(head);
    }
    move(JobState.TIMED_OUT, reason, JobChange.failure(reason).withTranscript(transcript));
  }

  private String commit(Workspace ws, String message) {
    CommitRequest request =
        new CommitRequest(
            message, settings.authorName(), settings.authorEmail(), Map.of(TRAILER, job.id()));
    return workspaces
        .commitAll(ws, request)
        .orElseThrow(() -> new PermanentException("the agent made no changes"));
  }

  private void finishAlreadyPushed(String sha) {
    String note = "an earlier attempt already pushed " + PullRequestComment.shortSha(sha);
    move(JobState.RUNNING, note, JobChange.NONE);
    move(JobState.COMMITTING, note, JobChange.NONE);
    move(JobState.SUCCEEDED, note, JobChange.commit(sha));
  }

  private void updateTaskStatus(Workspace ws, String status) {
    Path file = ws.directory().resolve(TaskDocument.FILE_NAME);
    try {
      if (Files.isRegularFile(file)) {
        Files.writeString(file, TaskDocument.replaceStatus(Files.readString(file), status));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot update TASK.md", e);
    }
  }

  private void comment(String body) {
    try {
      forge.comment(job.repo(), job.prNumber(), body);
    } catch (RuntimeException e) {
      LOG.warn("job {}: the pull request comment was not posted: {}", job.id(), e.getMessage());
    }
  }

  private void retryOrFail(String reason) {
    Optional<java.time.Instant> next = settings.retry().nextAttempt(attempts(), clock.instant());
    if (next.isPresent()) {
      move(
          JobState.QUEUED,
          "attempt " + attempts() + " failed: " + reason + "; retrying at " + next.get(),
          JobChange.retryAt(next.get(), reason));
    } else {
      move(
          JobState.FAILED,
          "gave up after " + attempts() + " attempt(s): " + reason,
          JobChange.failure(reason));
    }
  }

  private int attempts() {
    return job.attempts();
  }

  private void move(JobState to, String message, JobChange change) {
    if (!store.transition(job.id(), settings.nodeId(), to, message, change, clock.instant())) {
      throw new LostJob("could not move to " + to + " (the lease was lost or the job changed)");
    }
  }

  /** This node no longer holds the job; another node or a person has it. */
  private static final class LostJob extends RuntimeException {
    LostJob(String message) {
      super(message, null, false, false);
    }
  }

  /** The pool refused the turn: try again soon. */
  private static final class PoolBusy extends RuntimeException {
    PoolBusy(String message) {
      super(message, null, false, false);
    }
  }
}
