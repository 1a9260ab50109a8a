package dev.delegate.core.job;

import dev.delegate.core.PermanentException;
import dev.delegate.core.TransientException;
import dev.delegate.core.agent.ApprovalRecord;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.PoolFullException;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.job.RunSignals.Cancelled;
import dev.delegate.core.job.RunSignals.LostJob;
import dev.delegate.core.job.RunSignals.PoolBusy;
import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One attempt at one job: checks that no earlier attempt already pushed, has a worker prepare its
 * workspace on the PR branch and run the agent, and, while the worker still holds the workspace,
 * updates TASK.md's status line and commits (with the job id as a trailer). Only then is the worker
 * free for the next job; the push and the pull request comment follow without it. Every state
 * change is a store transition; a failure is retried by the policy when it may pass.
 */
final class JobRun {
  static final String TRAILER = "Delegate-Job";
  static final String PARTIAL_TRAILER = "Delegate-Partial-Job";
  static final String SHUTTING_DOWN = "returned to the queue: node shutting down";
  static final String CANCELLED_BY_A_PERSON = "cancelled by a person";
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

  private final Job job;
  private final JobServices services;
  private final InputWaits inputs;
  private final Runnable agentDone;
  private final BooleanSupplier nodeStopping;
  private final PullRequestStatus status;
  private final List<ApprovalRecord> approvals = new ArrayList<>();
  private volatile boolean cancelRequested;
  private volatile Workspace workspace;
  private volatile RuntimeException preparationFailure;
  private volatile RuntimeException finishFailure;
  private volatile String commit;
  private volatile Usage spent;
  private volatile JobCriteriaCheck criteria;

  /**
   * @param agentDone told once the job no longer needs a worker (its commit is made, or it ended
   *     without one), so the processor may claim the next job for that worker
   * @param nodeStopping true once this node cuts running turns off to stop: a job ended that way
   *     goes back to the queue without using an attempt
   */
  JobRun(
      Job job,
      JobServices services,
      InputWaits inputs,
      Runnable agentDone,
      BooleanSupplier nodeStopping) {
    this.job = job;
    this.services = services;
    this.inputs = inputs;
    this.agentDone = agentDone;
    this.nodeStopping = nodeStopping;
    this.status = new PullRequestStatus(services.forge(), services.node().agentName());
    this.spent = job.usage();
  }

  /**
   * A person asked to cancel the job (the store holds the request): the agent's turn is
   * interrupted, or the wait for an answer ends, and the job ends {@code CANCELLED}. The store lets
   * the job move nowhere else meanwhile, so whatever this run was about to do ends the same way.
   */
  void cancel() {
    if (cancelRequested) {
      return;
    }
    cancelRequested = true;
    LOG.info("job {}: cancel requested; stopping the agent", job.id());
    services.pool().cancel(job.id());
    inputs.signal(job.id());
  }

  void run() {
    LeaseKeeper lease = LeaseKeeper.start(job.id(), services);
    try (MDC.MDCCloseable jobId = MDC.putCloseable("jobId", job.id())) {
      try {
        process();
      } catch (PoolBusy e) {
        if (nodeStopping.getAsBoolean()) {
          giveBack(SHUTTING_DOWN);
          return;
        }
        java.time.Instant later = services.clock().instant().plusSeconds(2);
        move(
            JobState.QUEUED,
            "the worker pool is full; waiting",
            JobChange.retryAt(later, e.getMessage()));
      } catch (LostJob | Cancelled e) {
        throw e;
      } catch (RuntimeException e) {
        if (nodeStopping.getAsBoolean()) {
          giveBack(SHUTTING_DOWN);
        } else {
          failed(e);
        }
      }
    } catch (Cancelled e) {
      endCancelled();
    } catch (LostJob e) {
      LOG.warn("job {}: {}", job.id(), e.getMessage());
    } finally {
      agentDone.run();
      lease.stop();
    }
  }

  /**
   * Ends the job {@code CANCELLED} with the person's reason: the pool lets go of its turn, nothing
   * is committed.
   */
  private void endCancelled() {
    services.pool().cancel(job.id());
    String reason =
        services.store().find(job.id()).flatMap(Job::cancelRequest).orElse(CANCELLED_BY_A_PERSON);
    try {
      end(JobState.CANCELLED, reason, reason);
    } catch (Cancelled | LostJob e) {
      LOG.warn("job {}: could not record the cancel: {}", job.id(), e.getMessage());
    }
  }

  private void process() {
    GitRemote remote = services.forge().remote(job.repo());
    if (anEarlierAttemptCommitted()) {
      Optional<String> pushed =
          services
              .workspaces()
              .findPushedCommit(job.repo(), remote, job.branch(), TRAILER, job.id());
      if (pushed.isPresent()) {
        finishAlreadyPushed(pushed.get());
        return;
      }
    }
    RebaseRun rebase = RebaseRun.of(job, services, remote, this::move);
    if (rebase != null && rebase.withoutAgent()) {
      return;
    }
    TurnResult turn = record(runAgent(remote, rebase));
    while (turn.outcome() == TurnOutcome.NEEDS_INPUT) {
      Optional<String> answer = awaitAnswer(turn);
      if (answer.isEmpty()) {
        return;
      }
      turn = record(answerAgent(answer.get()));
    }
    agentDone.run();
    String transcript = turn.transcript().toString();
    switch (criteria.outcome(turn, budgetReached(turn).isPresent())) {
      case COMPLETED -> {
        if (rebase == null) {
          push(turn);
        } else {
          rebase.push(Optional.of(turn));
        }
      }
      case TIMED_OUT -> timedOut(turn, transcript);
      case NEEDS_INPUT ->
          throw new IllegalStateException("unreachable: questions are answered above");
      case CANCELLED ->
          throw cancelRequested
              ? new Cancelled()
              : new LostJob("the pool cancelled the turn, but no cancel was requested here");
      case FAILED -> {
        if (finishFailure instanceof Cancelled cancelled) {
          throw cancelled;
        }
        if (cancelRequested) {
          throw new Cancelled();
        }
        RuntimeException ours = finishFailure != null ? finishFailure : preparationFailure;
        if (ours != null) {
          throw ours; // typed: see failed()
        }
        if (nodeStopping.getAsBoolean()) {
          giveBack(SHUTTING_DOWN); // the turn was cut off because this node stops
        } else {
          retryOrFail(turn.failure().orElse("the agent failed")); // a dead or stalled session
        }
      }
    }
  }

  /**
   * Whether an earlier attempt got as far as committing: only then may its commit be on the branch
   * already (a job commits only after it moved to {@code COMMITTING}), and the branch is searched.
   */
  private boolean anEarlierAttemptCommitted() {
    return job.attempts() > 1
        && services.store().events(job.id()).stream()
            .anyMatch(e -> !e.isNote() && e.to() == JobState.COMMITTING);
  }

  /**
   * Records what the turn spent on the job, whatever its outcome, and each approval decision of the
   * turn, with the prompt it answered.
   */
  private TurnResult record(TurnResult turn) {
    if (!turn.usage().isEmpty()) {
      spent = spent.plus(turn.usage());
      if (!services.store().addUsage(job.id(), turn.usage())) {
        LOG.warn("job {}: could not record the usage of its turn: no such job", job.id());
      }
    }
    for (ApprovalRecord approval : turn.approvals()) {
      approvals.add(approval);
      services
          .store()
          .note(
              job.id(),
              JobEvent.APPROVAL_NOTE + approval.describe() + "; prompt: " + approval.promptText(),
              approval.at());
    }
    return turn;
  }

  /**
   * Moves the job to {@code NEEDS_INPUT} with the agent's question and waits for a person's answer
   * (kept by the store) while the worker keeps the conversation. Empty when none came in time (the
   * job failed) or the node is stopping (the job goes back to the queue).
   */
  private Optional<String> awaitAnswer(TurnResult turn) {
    String question = turn.question().orElse("");
    move(
        JobState.NEEDS_INPUT,
        "the agent asks: " + question,
        JobChange.question(question).withTranscript(turn.transcript().toString()));
    status.comment(
        job,
        PullRequestComment.question(
            services.node().agentName(),
            question,
            services.settings().inputTimeout().toSeconds(),
            job.id()));
    java.time.Instant deadline =
        services.clock().instant().plus(services.settings().inputTimeout());
    try {
      while (!cancelRequested
          && !inputs.isClosed()
          && services.clock().instant().isBefore(deadline)) {
        Optional<String> answer = services.store().pendingInput(job.id(), services.node().nodeId());
        if (answer.isPresent()) {
          move(JobState.RUNNING, "typing the answer into the agent", JobChange.NONE);
          return answer;
        }
        inputs.pause(job.id(), services.settings().tick());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inputs.forget(job.id());
    }
    services.pool().release(job.id());
    if (cancelRequested) {
      throw new Cancelled();
    }
    if (inputs.isClosed() || Thread.currentThread().isInterrupted()) {
      giveBack(SHUTTING_DOWN + " while the job waited for an answer");
    } else {
      String reason =
          "no answer to the agent's question within "
              + services.settings().inputTimeout().toSeconds()
              + " s: "
              + question;
      end(JobState.FAILED, reason, reason);
    }
    return Optional.empty();
  }

  private TurnResult answerAgent(String answer) {
    try {
      return services.pool().answer(job.id(), answer, services.settings().turnTimeout()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LostJob("interrupted while the agent worked");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the pool failed a turn instead of reporting it: a bug", e);
    }
  }

  private TurnResult runAgent(GitRemote remote, RebaseRun rebase) {
    criteria = new JobCriteriaCheck(job, services);
    TurnRequest task =
        new TurnRequest(
            job.id(),
            TaskFile.promptFor(job.taskDetails()),
            services.settings().turnTimeout(),
            directory -> prepare(remote, directory),
            (directory, turn) -> finish(turn),
            services.settings().inputTimeout().plus(services.settings().tick().multipliedBy(5)),
            budgetLeft(),
            criteria.continuation());
    TurnRequest request =
        rebase == null ? task : rebase.turn(task, () -> workspace, e -> finishFailure = e);
    if (cancelRequested) {
      throw new Cancelled();
    }
    try {
      java.util.concurrent.CompletableFuture<TurnResult> result = services.pool().submit(request);
      if (cancelRequested) {
        services.pool().cancel(job.id()); // the cancel came while the turn was being submitted
      }
      return result.get();
    } catch (PoolFullException e) {
      throw new PoolBusy(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LostJob("interrupted while the agent worked");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the pool failed a turn instead of reporting it: a bug", e);
    }
  }

  /**
   * The job's budget, or the processor's default when the job has none, less what earlier attempts
   * spent.
   */
  private Budget budgetLeft() {
    Budget budget = job.budget().isNone() ? services.settings().budget() : job.budget();
    return budget.minus(job.usage());
  }

  private void prepare(GitRemote remote, Path directory) {
    try {
      workspace = services.workspaces().prepare(job.repo(), remote, job.branch(), directory);
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

  /**
   * Runs on the worker while it still holds the workspace: commits the agent's work (or, for a
   * timed-out turn, the partial work when that is wanted) so that the push needs no directory.
   */
  private void finish(TurnResult turn) {
    try {
      criteria.record();
      switch (criteria.outcome(turn, budgetReached(turn).isPresent())) {
        case COMPLETED -> commitFinished(turn);
        case TIMED_OUT -> commitPartial(turn);
        default -> {}
      }
    } catch (RuntimeException e) {
      finishFailure = e;
      throw e;
    }
  }

  private void commitFinished(TurnResult turn) {
    String took = PullRequestComment.seconds(turn.duration().toMillis());
    commit =
        commit(
                "feat: implement feature via " + services.node().agentName(),
                TRAILER,
                "✅ Code generated by "
                    + services.node().agentName()
                    + " in "
                    + took
                    + criteria.met())
            .orElseThrow(() -> new PermanentException("the agent made no changes"));
    move(
        JobState.COMMITTING,
        "the agent finished in "
            + took
            + "; committed "
            + PullRequestComment.shortSha(commit)
            + criteria.met(),
        JobChange.NONE);
  }

  private void commitPartial(TurnResult turn) {
    if (services.settings().pushPartialWork()) {
      String why = budgetReached(turn).isPresent() ? Budget.REACHED : "timed out";
      commit =
          commit(
                  "wip: partial work via " + services.node().agentName() + " (" + why + ")",
                  PARTIAL_TRAILER,
                  "❌ " + services.node().agentName() + " " + why + "; partial work")
              .orElse(null);
    }
  }

  private void push(TurnResult turn) {
    Workspace ws = workspace;
    String head = services.workspaces().push(ws, commit, job.id());
    List<String> files = services.workspaces().changedFiles(ws, head);
    status.show(
        job,
        status.line(
            JobState.SUCCEEDED,
            PullRequestComment.seconds(turn.duration().toMillis()) + criteria.met()),
        true);
    move(
        JobState.SUCCEEDED,
        "pushed " + PullRequestComment.shortSha(head) + " to " + job.branch() + criteria.met(),
        JobChange.commit(head).withTranscript(turn.transcript().toString()));
    status.comment(
        job,
        PullRequestComment.success(
            services.node().agentName(),
            turn,
            approvals,
            head,
            files,
            spent,
            job.id(),
            criteria.verdicts()));
    LOG.info("job {}: committed {} and pushed {}", job.id(), commit, head);
  }

  /**
   * A turn the agent did not finish: it ran out of time, or (its failure says "budget reached: …")
   * went past the job's budget. Either way the job ends {@code TIMED_OUT}, its partial work pushed
   * when that is wanted.
   */
  private void timedOut(TurnResult turn, String transcript) {
    String reason =
        budgetReached(turn)
            .orElse(
                "the agent did not finish within "
                    + services.settings().turnTimeout().toSeconds()
                    + " s");
    if (commit != null) {
      String head = services.workspaces().push(workspace, commit, job.id());
      reason += "; partial work pushed as " + PullRequestComment.shortSha(head);
    }
    end(JobState.TIMED_OUT, reason, JobChange.failure(reason).withTranscript(transcript));
  }

  /** The turn's "budget reached: …" failure, when its budget stopped it. */
  private static Optional<String> budgetReached(TurnResult turn) {
    return turn.failure().filter(f -> f.startsWith(Budget.REACHED));
  }

  /**
   * Commits everything in the workspace with this job's id under {@code trailer} (partial work has
   * its own, so a re-run never takes it for the finished job) and TASK.md's status line set to
   * {@code status}; empty when the agent changed nothing.
   */
  private Optional<String> commit(String message, String trailer, String status) {
    Workspace ws = workspace;
    if (ws == null) {
      return Optional.empty();
    }
    CommitRequest request =
        new CommitRequest(
            message,
            services.settings().authorName(),
            services.settings().authorEmail(),
            Map.of(trailer, job.id()),
            Map.of(TaskFile.NAME, text -> TaskFile.replaceStatus(text, status)));
    return services.workspaces().commitAll(ws, request);
  }

  private void finishAlreadyPushed(String sha) {
    String note = "an earlier attempt already pushed " + PullRequestComment.shortSha(sha);
    move(JobState.RUNNING, note, JobChange.NONE);
    move(JobState.COMMITTING, note, JobChange.NONE);
    status.show(job, status.line(JobState.SUCCEEDED, ""), true);
    move(JobState.SUCCEEDED, note, JobChange.commit(sha));
  }

  /** Back to the queue, the attempt not counted; for jobs this node stops working on. */
  private void giveBack(String message) {
    if (!services
        .store()
        .giveBack(job.id(), services.node().nodeId(), message, services.clock().instant())) {
      throw refused("return the job to the queue");
    }
    LOG.info("job {}: {}", job.id(), message);
  }

  /**
   * A failure decides by its type: a {@link TransientException} (a dead session, git, the store or
   * the forge that may answer later) is retried by the policy; a {@link PermanentException} fails
   * the job at once; anything else is a bug: the job fails at once and the stack is logged.
   */
  private void failed(RuntimeException e) {
    String reason = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof TransientException) {
      retryOrFail(reason);
    } else if (e instanceof PermanentException) {
      end(JobState.FAILED, reason, reason);
    } else {
      LOG.error("job {} failed on an unexpected error (a bug)", job.id(), e);
      String bug = "internal error: " + e;
      end(JobState.FAILED, bug, bug);
    }
  }

  private void retryOrFail(String reason) {
    Optional<java.time.Instant> next =
        services.settings().retry().nextAttempt(attempts(), services.clock().instant());
    if (next.isPresent()) {
      move(
          JobState.QUEUED,
          "attempt " + attempts() + " failed: " + reason + "; retrying at " + next.get(),
          JobChange.retryAt(next.get(), reason));
    } else {
      end(JobState.FAILED, "gave up after " + attempts() + " attempt(s): " + reason, reason);
    }
  }

  private int attempts() {
    return job.attempts();
  }

  private void end(JobState to, String message, String reason) {
    end(to, message, JobChange.failure(reason));
  }

  /**
   * Ends the job without a finished commit ({@code FAILED}, {@code TIMED_OUT}, {@code CANCELLED}):
   * TASK.md's status line and the pull request's body say so while the job still holds its pull
   * request (so no next job races with the write), then the store moves it, then the pull request
   * gets one comment. Logged once at WARN.
   */
  private void end(JobState to, String message, JobChange change) {
    String reason = change.failure().orElse(message);
    status.show(job, status.line(to, reason), to == JobState.TIMED_OUT && commit != null);
    move(to, message, change);
    LOG.warn(
        "job {} {} (pull request #{}, {}): {}", job.id(), to, job.prNumber(), job.repo(), message);
    status.comment(
        job,
        PullRequestComment.ended(
            services.node().agentName(), to, message, job.attempts(), spent, job.id()));
  }

  private void move(JobState to, String message, JobChange change) {
    if (!services
        .store()
        .transition(
            job.id(), services.node().nodeId(), to, message, change, services.clock().instant())) {
      throw refused("move to " + to);
    }
  }

  /**
   * Why the store refused a move: a person's cancel request (the job ends {@code CANCELLED}), or
   * the job is no longer this node's.
   */
  private RuntimeException refused(String what) {
    boolean cancel =
        services
            .store()
            .find(job.id())
            .filter(j -> j.cancelRequest().isPresent())
            .filter(j -> j.leaseOwner().equals(Optional.of(services.node().nodeId())))
            .isPresent();
    if (cancel) {
      cancelRequested = true;
      return new Cancelled();
    }
    return new LostJob("could not " + what + " (the lease was lost or the job changed)");
  }
}
