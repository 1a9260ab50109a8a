package dev.delegate.core.job;

import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.workspace.Committer;
import dev.delegate.core.workspace.RebaseStep;
import dev.delegate.core.workspace.RebaseStop;
import dev.delegate.core.workspace.RebaseTrial;
import dev.delegate.core.workspace.Workspace;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The rebase part of a {@link JobKind#REBASE} job, which {@link JobRun} runs: the branch is rebased
 * onto the pull request's base without a worker first; a rebase that needs no agent is pushed at
 * once. A conflict makes an agent turn in a worker's worktree: the rebase starts there, the agent
 * is asked to resolve each stop (its prompt names the files, the commit and what the base changed
 * in them), and after each of its turns the rebase continues only when no conflict marker or
 * unmerged path is left. The result is pushed with a lease on the commit the branch was at; when
 * anything fails the rebase is aborted and nothing is pushed.
 */
final class RebaseRun {
  /** The most stops one rebase may make the agent resolve. */
  static final int MAX_STOPS = 20;

  /** Moves the job, as {@link JobRun} does. */
  interface Mover {
    void move(JobState to, String message, JobChange change);
  }

  private final Job job;
  private final JobServices services;
  private final GitRemote remote;
  private final Mover mover;
  private final PullRequestStatus status;
  private final Committer committer;
  private String base;
  private String ontoHead;
  private volatile RebaseStop stop;
  private volatile String rebased;
  private volatile String lease;
  private final java.util.concurrent.atomic.AtomicInteger stops =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The rebase part of {@code job} when it is a rebase job, else null. */
  static RebaseRun of(Job job, JobServices services, GitRemote remote, Mover mover) {
    return job.kind() == JobKind.REBASE ? new RebaseRun(job, services, remote, mover) : null;
  }

  private RebaseRun(Job job, JobServices services, GitRemote remote, Mover mover) {
    this.job = job;
    this.services = services;
    this.remote = remote;
    this.mover = mover;
    this.status = new PullRequestStatus(services.forge(), services.node().agentName());
    this.committer =
        new Committer(services.settings().authorName(), services.settings().authorEmail());
  }

  /**
   * Rebases without a worker. True when that ended the job: the branch already held its base, or
   * the rebase needed no agent and was pushed. False when a conflict needs the agent.
   */
  boolean withoutAgent() {
    PullRequest pr =
        services
            .forge()
            .pullRequest(job.repo(), job.prNumber())
            .orElseThrow(
                () ->
                    new PermanentException(
                        "pull request #" + job.prNumber() + " of " + job.repo() + " is gone"));
    if (!"open".equals(pr.state())) {
      throw new PermanentException(
          "pull request #" + job.prNumber() + " is " + pr.state() + "; nothing to rebase");
    }
    base = pr.base();
    RebaseTrial trial =
        services.workspaces().tryRebase(job.repo(), remote, job.branch(), base, committer);
    ontoHead = trial.ontoHead();
    if (trial.upToDate()) {
      String note = job.branch() + " already holds " + base + " at " + shortSha(ontoHead);
      mover.move(JobState.RUNNING, note, JobChange.NONE);
      mover.move(JobState.COMMITTING, note, JobChange.NONE);
      mover.move(JobState.SUCCEEDED, note, JobChange.commit(trial.branchHead()));
      return true;
    }
    if (trial.step().isFinished()) {
      mover.move(
          JobState.RUNNING,
          "rebased onto " + base + " at " + shortSha(ontoHead) + " without a conflict",
          JobChange.NONE);
      rebased = trial.step().head();
      lease = trial.branchHead();
      mover.move(JobState.COMMITTING, "pushing the rebased branch", JobChange.NONE);
      push(Optional.empty());
      return true;
    }
    stop = trial.step().stop().orElseThrow();
    return false;
  }

  /**
   * The agent's turn: {@code task}'s timeouts, budget and preparation, the prompt to resolve the
   * conflicts the trial found, the rebase started after the preparation, continued after each
   * completed turn and finished (or aborted) at the end. A failure of these steps goes to {@code
   * failure} before it fails the turn.
   */
  TurnRequest turn(
      TurnRequest task, Supplier<Workspace> workspace, Consumer<RuntimeException> failure) {
    return new TurnRequest(
        task.jobId(),
        prompt(stop),
        task.timeout(),
        directory -> {
          task.preparation().prepare(directory);
          guarded(failure, () -> start(workspace.get()));
        },
        (directory, turn) -> guarded(failure, () -> finish(workspace.get(), turn)),
        task.answerWait(),
        task.budget(),
        (directory, turn) -> guarded(failure, () -> next(workspace.get())));
  }

  private static <T> T guarded(Consumer<RuntimeException> failure, Supplier<T> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      failure.accept(e);
      throw e;
    }
  }

  private static void guarded(Consumer<RuntimeException> failure, Runnable step) {
    guarded(
        failure,
        () -> {
          step.run();
          return null;
        });
  }

  /** In the worker, once its worktree is prepared: starts the rebase; it stops at a conflict. */
  void start(Workspace workspace) {
    lease = workspace.baseSha();
    RebaseStep step = services.workspaces().startRebase(workspace, ontoHead, committer);
    if (step.isFinished()) {
      rebased = step.head(); // the conflict went away meanwhile; the agent's turn changes nothing
      stop = null;
    } else {
      stop = step.stop().orElseThrow();
    }
  }

  /**
   * After a turn the agent completed: continues the rebase; the next stop's prompt, or empty once
   * the rebase is done. Fails, naming the files, when conflict markers or unmerged paths remain.
   */
  Optional<String> next(Workspace workspace) {
    RebaseStop current = stop;
    if (current == null) {
      return Optional.empty();
    }
    RebaseStep step;
    try {
      step = services.workspaces().continueRebase(workspace, current, committer);
    } catch (PermanentException e) {
      throw failed(e.getMessage());
    }
    if (step.isFinished()) {
      rebased = step.head();
      stop = null;
      return Optional.empty();
    }
    if (stops.incrementAndGet() >= MAX_STOPS) {
      throw failed("the rebase stopped at more than " + MAX_STOPS + " conflicting commits");
    }
    stop = step.stop().orElseThrow();
    return Optional.of(prompt(stop));
  }

  /**
   * Runs last on the worker: a rebase that did not finish is aborted there, so the worktree is as
   * it was; a finished one is recorded for the push.
   */
  void finish(Workspace workspace, TurnResult turn) {
    if (workspace == null) {
      return;
    }
    if (turn.outcome() != TurnOutcome.COMPLETED || rebased == null) {
      services.workspaces().abortRebase(workspace);
      return;
    }
    mover.move(
        JobState.COMMITTING,
        "the agent resolved the conflicts; rebased onto " + base + " at " + shortSha(ontoHead),
        JobChange.NONE);
  }

  /**
   * Pushes the rebased branch with a lease on the commit it was rebased from, then ends the job
   * {@code SUCCEEDED} with a comment. A branch that moved meanwhile fails the job, nothing pushed.
   */
  void push(Optional<TurnResult> turn) {
    String head = rebased;
    if (head == null) {
      throw failed("the rebase did not finish");
    }
    if (!services.workspaces().pushRebased(job.repo(), remote, job.branch(), head, lease)) {
      throw failed(
          "the branch moved away from "
              + shortSha(lease)
              + " while it was rebased (the lease was lost)");
    }
    mover.move(
        JobState.SUCCEEDED,
        "pushed " + shortSha(head) + " to " + job.branch() + " (rebased with a lease)",
        turn.map(t -> JobChange.commit(head).withTranscript(t.transcript().toString()))
            .orElse(JobChange.commit(head)));
    String baseNow = services.forge().branchHead(job.repo(), base).orElse(ontoHead);
    status.comment(
        job,
        "Delegate: rebased this branch onto "
            + base
            + " ("
            + shortSha(ontoHead)
            + ") and pushed "
            + shortSha(head)
            + " with a lease on "
            + shortSha(lease)
            + (turn.isPresent()
                ? "; " + services.node().agentName() + " resolved the conflicts."
                : "; no conflict needed the agent.")
            + (baseNow.equals(ontoHead)
                ? ""
                : " "
                    + base
                    + " moved again meanwhile (now "
                    + shortSha(baseNow)
                    + "); Delegate looks again whether it still merges.")
            + "\n\n- Job: "
            + job.id()
            + "\n");
  }

  private PermanentException failed(String why) {
    return new PermanentException(
        "could not rebase onto " + base + ": " + why + "; nothing was force-pushed");
  }

  private String prompt(RebaseStop at) {
    StringBuilder text =
        new StringBuilder("Delegate is rebasing the branch ")
            .append(job.branch())
            .append(" onto ")
            .append(base)
            .append(" (now at ")
            .append(shortSha(ontoHead))
            .append("). Please resolve the rebase conflicts: the branch's commit ")
            .append(shortSha(at.commit()))
            .append(" \"")
            .append(at.subject())
            .append("\" conflicts with ")
            .append(base)
            .append(" in ")
            .append(String.join(", ", at.conflicts()))
            .append(". ");
    if (!at.baseCommits().isEmpty()) {
      text.append("What ")
          .append(base)
          .append(" changed there meanwhile: ")
          .append(String.join("; ", at.baseCommits()))
          .append(". ");
    }
    text.append(
        "What this branch is for is in TASK.md. Edit each file so that it keeps the intent of both"
            + " sides, and remove every conflict marker (<<<<<<<, =======, >>>>>>>). Do not commit"
            + " and do not run git rebase --continue, --skip or --abort: Delegate stages your"
            + " resolution and continues the rebase after your turn.");
    int asked = job.taskDetails().indexOf(FollowUp.INSTRUCTIONS);
    if (asked >= 0) {
      text.append(' ').append(job.taskDetails().substring(asked).strip());
    }
    return text.toString();
  }

  private static String shortSha(String sha) {
    return PullRequestComment.shortSha(sha);
  }
}
