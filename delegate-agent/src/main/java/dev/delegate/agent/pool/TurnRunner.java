package dev.delegate.agent.pool;

import dev.delegate.agent.session.AgentSession;
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

/**
 * Runs one turn on one worker: prepares its directory, types the prompt, waits for the end of the
 * turn within the timeout, interrupts on timeout, and clears the conversation afterwards so the
 * next job starts fresh.
 */
final class TurnRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TurnRunner.class);

  /** Told when the worker may take the next turn, or must be restarted. */
  interface Finished {
    void finished(Worker worker, AgentSession session, boolean sessionUsable);
  }

  private final PoolConfig config;
  private final Clock clock;
  private final Finished finished;
  private final TerminalFeed feed;

  TurnRunner(PoolConfig config, Clock clock, Finished finished, TerminalFeed feed) {
    this.config = config;
    this.clock = clock;
    this.finished = finished;
    this.feed = feed;
  }

  /** Runs the turn; whatever happens, its future completes and the worker is handed back. */
  void run(Worker worker, AgentSession session, PendingTurn pending) {
    boolean usable = false;
    try {
      usable = runTurn(worker, session, pending);
    } catch (Throwable t) {
      LOG.error("[Worker {}] job {} failed unexpectedly", worker.id, pending.request.jobId(), t);
      pending.result.complete(notRun(pending, "internal error: " + t));
    } finally {
      finished.finished(worker, session, usable);
    }
  }

  private boolean runTurn(Worker worker, AgentSession session, PendingTurn pending) {
    TurnRequest request = pending.request;
    Instant start = clock.instant();
    LOG.info("[Worker {}] job {} started", worker.id, request.jobId());
    Outcome outcome;
    Path transcriptFile = config.dataDirectory().resolve("transcripts");
    TerminalFeed.Turn live = feed.begin(worker.id, request.jobId());
    try (Transcript transcript = Transcript.open(transcriptFile, request.jobId())) {
      transcriptFile = transcript.file();
      session.setTap(
          (raw, length) -> {
            transcript.write(raw, length);
            live.write(raw, length);
          });
      outcome = play(worker, session, request);
    } catch (IOException e) {
      outcome = Outcome.failed("cannot write the transcript: " + e.getMessage(), true);
    } finally {
      session.setTap(OutputTap.NONE);
      live.end();
      worker.inTurn = false;
    }
    Duration took = Duration.between(start, clock.instant());
    TurnResult result =
        new TurnResult(
            request.jobId(),
            worker.id,
            outcome.kind,
            outcome.end.output(),
            outcome.failure,
            outcome.end.question(),
            outcome.end.approvals(),
            took,
            transcriptFile,
            start,
            outcome.end.noticedAt());
    LOG.info(
        "[Worker {}] job {} {} in {} ms{}",
        worker.id,
        request.jobId(),
        outcome.kind,
        took.toMillis(),
        outcome.failure.map(f -> ": " + f).orElse(""));
    pending.result.complete(result);
    return outcome.sessionUsable && clearConversation(worker, session);
  }

  /** Marks the worker's turn as stalled: the session is killed and restarted. */
  void stalled(Worker worker, PendingTurn turn, Duration limit) {
    AgentSession session = worker.session;
    if (session != null && worker.currentTurn == turn) {
      // kill first, without the session's lock: a write blocked on the hung agent may hold it
      session.kill(
          new SessionDiedException(
              "the agent printed nothing for "
                  + limit.toSeconds()
                  + " s (stalled); it was killed and is being restarted"));
    }
  }

  TurnResult notRun(PendingTurn pending, String reason) {
    return new TurnResult(
        pending.request.jobId(),
        0,
        TurnOutcome.FAILED,
        "",
        Optional.of(reason),
        Optional.empty(),
        List.of(),
        Duration.ZERO,
        Path.of(""),
        pending.submittedAt,
        clock.instant());
  }

  private Outcome play(Worker worker, AgentSession session, TurnRequest request) {
    try {
      request.preparation().prepare(worker.directory);
    } catch (Exception e) {
      return Outcome.failed("preparing the workspace failed: " + e.getMessage(), true);
    }
    try {
      TurnEnd end =
          session
              .runTurn(request.prompt())
              .get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (end.question().isPresent()) {
        boolean usable = !end.waitingForAnswer() || interrupt(worker, session);
        return new Outcome(TurnOutcome.NEEDS_INPUT, end, Optional.empty(), usable);
      }
      return new Outcome(TurnOutcome.COMPLETED, end, Optional.empty(), true);
    } catch (TimeoutException e) {
      LOG.info(
          "[Worker {}] job {} ran past {} ms; interrupting the agent",
          worker.id,
          request.jobId(),
          request.timeout().toMillis());
      TurnEnd partial = session.abandonTurn(new TimeoutException("turn timed out"));
      return new Outcome(
          TurnOutcome.TIMED_OUT, partial, Optional.empty(), interrupt(worker, session));
    } catch (ExecutionException e) {
      TurnEnd partial = session.abandonTurn(e.getCause());
      return new Outcome(
          TurnOutcome.FAILED, partial, Optional.of(WorkerPool.describe(e.getCause())), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      TurnEnd partial = session.abandonTurn(e);
      return new Outcome(TurnOutcome.FAILED, partial, Optional.of("interrupted"), false);
    }
  }

  private boolean interrupt(Worker worker, AgentSession session) {
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

  private boolean clearConversation(Worker worker, AgentSession session) {
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

  private record Outcome(
      TurnOutcome kind, TurnEnd end, Optional<String> failure, boolean sessionUsable) {
    static Outcome failed(String reason, boolean usable) {
      TurnEnd nothing = new TurnEnd("", Optional.empty(), false, List.of(), Instant.now());
      return new Outcome(TurnOutcome.FAILED, nothing, Optional.of(reason), usable);
    }
  }
}
