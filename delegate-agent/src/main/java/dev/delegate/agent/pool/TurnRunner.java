package dev.delegate.agent.pool;

import dev.delegate.agent.session.BudgetReachedException;
import dev.delegate.agent.session.DriverSession;
import dev.delegate.agent.session.OutputTap;
import dev.delegate.agent.session.SessionDiedException;
import dev.delegate.agent.session.TurnEnd;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one turn on one worker: prepares its directory, types the prompt, waits for the end of the
 * turn within the timeout, interrupts on timeout, and clears the conversation afterwards so the
 * next job starts fresh. When the agent asks a question and the request allows it, the worker keeps
 * the conversation for the request's answer wait and types each answer given through the pool.
 */
final class TurnRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TurnRunner.class);
  static final String CANCELLED = "cancelled";

  /** Ending of the file beside a job's transcript that keeps an ACP agent's protocol lines. */
  static final String PROTOCOL_SUFFIX = ".acp.jsonl";

  /** Told when the worker may take the next turn, or must be restarted. */
  interface Finished {
    void finished(Worker worker, DriverSession session, boolean sessionUsable);
  }

  private final PoolConfig config;
  private final Clock clock;
  private final Finished finished;
  private final Conversations conversations;
  private final TerminalFeed feed;

  TurnRunner(
      PoolConfig config,
      Clock clock,
      Conversations conversations,
      Finished finished,
      TerminalFeed feed) {
    this.conversations = conversations;
    this.feed = feed;
    this.config = config;
    this.clock = clock;
    this.finished = finished;
  }

  /** Runs the turn; whatever happens, its future completes and the worker is handed back. */
  void run(Worker worker, DriverSession session, PendingTurn pending) {
    boolean usable = false;
    try (MDC.MDCCloseable jobId = MDC.putCloseable("jobId", pending.request.jobId());
        MDC.MDCCloseable workerId = MDC.putCloseable("workerId", String.valueOf(worker.id))) {
      usable = runTurn(worker, session, pending);
    } catch (Throwable t) {
      LOG.error("[Worker {}] job {} failed unexpectedly", worker.id, pending.request.jobId(), t);
      pending.result.complete(notRun(pending, "internal error: " + t));
    } finally {
      finished.finished(worker, session, usable);
    }
  }

  private boolean runTurn(Worker worker, DriverSession session, PendingTurn pending) {
    TurnRequest request = pending.request;
    String jobId = request.jobId();
    LOG.info("[Worker {}] job {} started", worker.id, jobId);
    Path transcriptFile = config.dataDirectory().resolve("transcripts");
    Outcome outcome;
    Conversation conversation = null;
    TerminalFeed.Turn live = feed.begin(worker.id, jobId);
    try (Transcript transcript = Transcript.open(transcriptFile, request.jobId());
        Transcript protocol =
            session.rendersView()
                ? Transcript.open(transcriptFile, request.jobId(), PROTOCOL_SUFFIX)
                : null) {
      transcriptFile = transcript.file();
      if (protocol == null) {
        session.setTaps(transcript, live);
      } else {
        // the transcript is what the terminal view showed; the protocol's lines are kept beside it
        session.setTaps(
            protocol,
            (raw, length) -> {
              transcript.write(raw, length);
              live.write(raw, length);
            });
      }
      Instant start = clock.instant();
      outcome = firstTurn(worker, session, pending);
      worker.inTurn = false; // an agent waiting for an answer is silent, not stalled
      TurnResult first = result(worker, request.jobId(), outcome, start, transcriptFile);
      if (holdsConversation(request, outcome)) {
        conversation = conversations.open(request.jobId(), worker);
        conversation.expectAnswer();
      } else {
        Continued done = continued(worker, session, pending, outcome, first, transcriptFile);
        outcome = done.outcome();
        first = complete(worker, request, done.result());
      }
      pending.result.complete(first);
      while (conversation != null) {
        Conversation.Answer answer = conversation.await(request.answerWait());
        if (answer == null) {
          LOG.info("[Worker {}] job {}: no answer; the conversation ends", worker.id, jobId);
          break;
        }
        Instant answered = clock.instant();
        outcome = answerTurn(worker, session, pending, answer);
        boolean again = holdsConversation(request, outcome);
        TurnResult next = result(worker, jobId, outcome, answered, transcriptFile);
        if (again) {
          conversation.expectAnswer();
        } else {
          Continued done = continued(worker, session, pending, outcome, next, transcriptFile);
          outcome = done.outcome();
          next = complete(worker, request, done.result());
        }
        answer.result().complete(next);
        if (!again) {
          break;
        }
      }
    } catch (IOException e) {
      outcome = Outcome.failed("cannot write the transcript: " + e.getMessage(), true);
      pending.result.complete(
          result(worker, request.jobId(), outcome, clock.instant(), transcriptFile));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      session.setTaps(OutputTap.NONE, OutputTap.NONE);
      live.end();
      worker.inTurn = false;
      if (conversation != null) {
        end(conversation);
      }
    }
    boolean usable = outcome.sessionUsable && (!outcome.atQuestion || interrupt(worker, session));
    return usable && clearConversation(worker, session);
  }

  /** Where a chain of continued turns ended: the last turn's outcome, and all turns as one. */
  private record Continued(Outcome outcome, TurnResult result) {}

  /**
   * Types the prompts the request's {@link dev.delegate.core.agent.TurnContinuation} asks for after
   * each completed turn into the same session, until it asks for none or a turn does not complete.
   * A question a further turn ends with is taken as its answer: the agent is interrupted at it.
   */
  private Continued continued(
      Worker worker,
      DriverSession session,
      PendingTurn pending,
      Outcome outcome,
      TurnResult turn,
      Path transcriptFile) {
    String jobId = pending.request.jobId();
    TurnResult all = turn;
    TurnResult last = turn;
    while (outcome.kind == TurnOutcome.COMPLETED) {
      Optional<String> prompt;
      try {
        prompt = pending.request.continuation().next(worker.directory, last);
      } catch (Exception e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        LOG.info("[Worker {}] job {}: checking the turn failed: {}", worker.id, jobId, reason);
        return new Continued(
            outcome,
            all.withOutcome(
                TurnOutcome.FAILED, Optional.of("checking the turn failed: " + reason)));
      }
      if (prompt.isEmpty()) {
        break;
      }
      LOG.info("[Worker {}] job {}: a further turn in the same session", worker.id, jobId);
      Instant start = clock.instant();
      worker.inTurn = true;
      try {
        outcome = watch(worker, session, pending, prompt.get(), pending.request.timeout());
      } finally {
        worker.inTurn = false;
      }
      last = result(worker, jobId, outcome, start, transcriptFile);
      if (outcome.kind == TurnOutcome.NEEDS_INPUT) {
        boolean back = !outcome.atQuestion || interrupt(worker, session);
        outcome =
            new Outcome(
                TurnOutcome.COMPLETED,
                outcome.end,
                Optional.empty(),
                outcome.sessionUsable && back,
                false);
        last = last.withOutcome(TurnOutcome.COMPLETED, Optional.empty());
      }
      all = all.then(last);
      if (!outcome.sessionUsable) {
        break;
      }
    }
    return new Continued(outcome, all);
  }

  /**
   * Runs the request's completion on the worker's directory, which is still this turn's; a failure
   * there fails the turn with its reason (the session itself is fine).
   */
  private TurnResult complete(Worker worker, TurnRequest request, TurnResult turn) {
    try {
      request.completion().complete(worker.directory, turn);
      return turn;
    } catch (Exception e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.info(
          "[Worker {}] job {}: finishing the workspace failed: {}",
          worker.id,
          turn.jobId(),
          reason);
      return new TurnResult(
          turn.jobId(),
          turn.workerId(),
          TurnOutcome.FAILED,
          turn.output(),
          Optional.of(reason),
          turn.question(),
          turn.approvals(),
          turn.duration(),
          turn.transcript(),
          turn.startedAt(),
          turn.endedAt(),
          turn.usage());
    }
  }

  /** Forgets the conversation; an answer handed over but never typed fails for its caller. */
  private void end(Conversation conversation) {
    conversations.close(conversation);
    Conversation.Answer orphan = conversation.release();
    if (orphan != null) {
      orphan
          .result()
          .complete(
              notAnswered(
                  conversation.jobId,
                  conversation.worker.id,
                  "the conversation ended before the answer was typed"));
    }
  }

  TurnResult notAnswered(String jobId, int workerId, String reason) {
    return failedBeforeStart(jobId, workerId, reason, clock.instant());
  }

  private TurnResult failedBeforeStart(String jobId, int workerId, String reason, Instant since) {
    return new TurnResult(
        jobId,
        workerId,
        TurnOutcome.FAILED,
        "",
        Optional.of(reason),
        Optional.empty(),
        List.of(),
        Duration.ZERO,
        Path.of(""),
        since,
        clock.instant());
  }

  private static boolean holdsConversation(TurnRequest request, Outcome outcome) {
    return outcome.kind == TurnOutcome.NEEDS_INPUT
        && outcome.sessionUsable
        && !request.answerWait().isZero();
  }

  private TurnResult result(
      Worker worker, String jobId, Outcome outcome, Instant start, Path transcriptFile) {
    Duration took = Duration.between(start, clock.instant());
    LOG.info(
        "[Worker {}] job {} {} in {} ms{}",
        worker.id,
        jobId,
        outcome.kind,
        took.toMillis(),
        outcome.failure.map(f -> ": " + f).orElse(""));
    return new TurnResult(
        jobId,
        worker.id,
        outcome.kind,
        outcome.end.output(),
        outcome.failure,
        outcome.end.question(),
        outcome.end.approvals(),
        took,
        transcriptFile,
        start,
        outcome.end.noticedAt(),
        outcome.end.usage());
  }

  /** Marks the worker's turn as stalled: the session is killed and restarted. */
  void stalled(Worker worker, PendingTurn turn, Duration limit) {
    DriverSession session = worker.session;
    if (session != null && worker.currentTurn == turn) {
      // kill first, without the session's lock: a write blocked on the hung agent may hold it
      session.kill(
          new SessionDiedException(
              "the agent printed nothing for "
                  + limit.toSeconds()
                  + " s (stalled); it was killed and is being restarted"));
    }
  }

  /**
   * Cancels the turn running on {@code worker}: its flag is set, then what the session watches is
   * abandoned; the turn's thread interrupts the agent and clears the conversation as after a
   * timeout, and hands the worker back.
   */
  void cancel(Worker worker, PendingTurn turn) {
    DriverSession session = worker.session;
    boolean first =
        turn.cancel(
            () -> {
              if (session != null) {
                session.abandonTurn(new TurnCancelled());
              }
            });
    if (first) {
      conversations.find(turn.request.jobId()).ifPresent(Conversation::release);
    }
  }

  /** The result of a turn cancelled while it waited in the queue. */
  TurnResult cancelledBeforeStart(PendingTurn pending) {
    TurnResult failed = notRun(pending, CANCELLED);
    return failed.withOutcome(TurnOutcome.CANCELLED, failed.failure());
  }

  TurnResult notRun(PendingTurn pending, String reason) {
    return failedBeforeStart(pending.request.jobId(), 0, reason, pending.submittedAt);
  }

  private Outcome firstTurn(Worker worker, DriverSession session, PendingTurn pending) {
    TurnRequest request = pending.request;
    if (pending.cancelled) {
      return Outcome.cancelled();
    }
    try {
      request.preparation().prepare(worker.directory);
    } catch (Exception e) {
      return Outcome.failed("preparing the workspace failed: " + e.getMessage(), true);
    }
    return watch(worker, session, pending, request.prompt(), request.timeout());
  }

  private Outcome answerTurn(
      Worker worker, DriverSession session, PendingTurn pending, Conversation.Answer answer) {
    LOG.info("[Worker {}] job {}: typing the answer", worker.id, pending.request.jobId());
    worker.inTurn = true;
    try {
      return watch(worker, session, pending, answer.text(), answer.timeout());
    } finally {
      worker.inTurn = false;
    }
  }

  /**
   * Types {@code text} and waits for the end of the turn; a question leaves the agent at it. A
   * cancel ({@link #cancel}) sets the turn's flag and then abandons whatever the session watches;
   * the flag is read again once the watch began, so a cancel that came just before it is not
   * missed.
   */
  private Outcome watch(
      Worker worker, DriverSession session, PendingTurn pending, String text, Duration timeout) {
    String jobId = pending.request.jobId();
    try {
      java.util.concurrent.CompletableFuture<TurnEnd> watched =
          session.runTurn(text, pending.request.budget());
      if (pending.startWatching()) {
        session.abandonTurn(new TurnCancelled());
      }
      TurnEnd end;
      try {
        end = watched.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        pending.stopWatching();
      }
      if (end.failure().isPresent()) {
        return new Outcome(TurnOutcome.FAILED, end, end.failure(), true, false);
      }
      if (end.question().isPresent()) {
        return new Outcome(
            TurnOutcome.NEEDS_INPUT, end, Optional.empty(), true, end.waitingForAnswer());
      }
      return new Outcome(TurnOutcome.COMPLETED, end, Optional.empty(), true, false);
    } catch (TimeoutException e) {
      LOG.info(
          "[Worker {}] job {} ran past {} ms; interrupting the agent",
          worker.id,
          jobId,
          timeout.toMillis());
      TurnEnd partial = session.abandonTurn(new TimeoutException("turn timed out"));
      return new Outcome(
          TurnOutcome.TIMED_OUT, partial, Optional.empty(), interrupt(worker, session), false);
    } catch (ExecutionException e) {
      TurnEnd partial = session.abandonTurn(e.getCause());
      if (e.getCause() instanceof BudgetReachedException reached) {
        LOG.info(
            "[Worker {}] job {}: {}; stopping the agent", worker.id, jobId, reached.getMessage());
        return new Outcome(
            TurnOutcome.TIMED_OUT,
            partial,
            Optional.of(reached.getMessage()),
            interrupt(worker, session),
            false);
      }
      if (pending.cancelled && e.getCause() instanceof TurnCancelled) {
        LOG.info("[Worker {}] job {} cancelled; interrupting the agent", worker.id, jobId);
        return new Outcome(
            TurnOutcome.CANCELLED,
            partial,
            Optional.of(CANCELLED),
            interrupt(worker, session),
            false);
      }
      return new Outcome(
          TurnOutcome.FAILED,
          partial,
          Optional.of(WorkerPool.describe(e.getCause())),
          false,
          false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      TurnEnd partial = session.abandonTurn(e);
      return new Outcome(TurnOutcome.FAILED, partial, Optional.of("interrupted"), false, false);
    }
  }

  private boolean interrupt(Worker worker, DriverSession session) {
    try {
      session.interrupt(config.interruptGrace().toMillis()).get();
      return true;
    } catch (ExecutionException | RuntimeException e) {
      LOG.warn(
          "[Worker {}] did not come back after an interrupt: {}",
          worker.id,
          WorkerPool.describe(e));
      session.abandonTurn(e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean clearConversation(Worker worker, DriverSession session) {
    try {
      session.reset().get();
      return true;
    } catch (ExecutionException | RuntimeException e) {
      LOG.warn("[Worker {}] reset failed: {}", worker.id, WorkerPool.describe(e));
      session.abandonTurn(e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Why a cancelled turn's watch ended; never leaves the pool. */
  private static final class TurnCancelled extends RuntimeException {
    TurnCancelled() {
      super(CANCELLED, null, false, false);
    }
  }

  /**
   * @param atQuestion the agent sits at its question: it must be interrupted before the next prompt
   */
  private record Outcome(
      TurnOutcome kind,
      TurnEnd end,
      Optional<String> failure,
      boolean sessionUsable,
      boolean atQuestion) {
    static Outcome cancelled() {
      TurnEnd nothing = new TurnEnd("", Optional.empty(), false, List.of(), Instant.now());
      return new Outcome(TurnOutcome.CANCELLED, nothing, Optional.of(CANCELLED), true, false);
    }

    static Outcome failed(String reason, boolean usable) {
      TurnEnd nothing = new TurnEnd("", Optional.empty(), false, List.of(), Instant.now());
      return new Outcome(TurnOutcome.FAILED, nothing, Optional.of(reason), usable, false);
    }
  }
}
