package dev.delegate.testkit.job;

import dev.delegate.core.TransientException;
import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.PoolFullException;
import dev.delegate.core.agent.PoolSnapshot;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.Usage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent pool that plays what a test scripts, with the real pool's contract: the preparation runs
 * on the turn's directory before the agent "works", the completion after it and before the result
 * is handed out; a question keeps the conversation for {@link #answer}; {@link #cancel} ends a
 * queued, working or waiting turn {@code CANCELLED}; {@link #close} ends working turns {@code
 * FAILED}. Turns are scripted per marker, a text their prompt contains ({@link #when}); a prompt no
 * script names completes with a change.
 */
public final class FakeAgentPool implements AgentPool {
  /** What the agent does in one turn. */
  public sealed interface Step {
    /** Finishes; {@code writes}: it changed a file. */
    record Complete(boolean writes) implements Step {}

    /** The agent process dies: a {@code FAILED} turn. */
    record Die(String reason) implements Step {}

    /** Runs past its timeout; {@code writes}: it changed a file first. */
    record TimeOut(boolean writes) implements Step {}

    /** Asks a question and waits for an answer. */
    record Ask(String question) implements Step {}

    /**
     * Works until it is cancelled, the pool closes, or the test lets it finish ({@link #finish}).
     */
    record Work() implements Step {}

    /** Plays {@code then}, its result reporting {@code usage} as what the turn spent. */
    record Spend(Usage usage, Step then) implements Step {}

    /**
     * Spends {@code usage}, past the turn's budget: the turn ends {@code TIMED_OUT}, "budget
     * reached: …" as the real pool ends it; {@code writes}: it changed a file first.
     */
    record OverBudget(Usage usage, boolean writes) implements Step {}
  }

  private final Path root;
  private final Clock clock;
  private final FakeWorkspaces workspaces;
  private final Map<String, Deque<Step>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Turn> turns = new ConcurrentHashMap<>();
  private final List<String> cancelled = new CopyOnWriteArrayList<>();
  private final List<Budget> budgets = new CopyOnWriteArrayList<>();
  private final AtomicInteger started = new AtomicInteger();
  private volatile boolean full;
  private volatile boolean closed;

  public FakeAgentPool(Path root, Clock clock, FakeWorkspaces workspaces) {
    this.root = root;
    this.clock = clock;
    this.workspaces = workspaces;
  }

  /** The turns of a job whose prompt contains {@code marker}, in order. */
  public FakeAgentPool when(String marker, Step... steps) {
    scripts.put(marker, new ArrayDeque<>(List.of(steps)));
    return this;
  }

  /** Every turn is refused with {@link PoolFullException} while {@code full}. */
  public void full(boolean full) {
    this.full = full;
  }

  /** The jobs whose turn {@link #cancel} ended. */
  public List<String> cancelled() {
    return List.copyOf(cancelled);
  }

  /** The budget of every turn submitted, in order. */
  public List<Budget> budgets() {
    return List.copyOf(budgets);
  }

  /** Whether a turn of {@code jobId} is working or waiting for an answer now. */
  public boolean busyWith(String jobId) {
    return turns.containsKey(jobId);
  }

  private synchronized Step next(String prompt) {
    for (Map.Entry<String, Deque<Step>> script : scripts.entrySet()) {
      if (prompt.contains(script.getKey())) {
        Step step = script.getValue().pollFirst();
        return step == null ? new Step.Complete(true) : step;
      }
    }
    return new Step.Complete(true);
  }

  @Override
  public CompletableFuture<TurnResult> submit(TurnRequest request) {
    if (closed) {
      throw new TransientException("the worker pool is shutting down");
    }
    if (full) {
      throw new PoolFullException(1, 0);
    }
    budgets.add(request.budget());
    Turn turn = new Turn(request, root.resolve(request.jobId() + "-" + started.get()));
    turns.put(request.jobId(), turn);
    Thread.ofVirtual().name("fake-turn-" + request.jobId()).start(turn::run);
    return turn.first;
  }

  @Override
  public CompletableFuture<TurnResult> answer(String jobId, String text, Duration timeout) {
    Turn turn = turns.get(jobId);
    CompletableFuture<TurnResult> next = new CompletableFuture<>();
    if (turn == null || !turn.answers.offer(new Answer(text, next))) {
      next.complete(result(jobId, TurnOutcome.FAILED, "no agent waits for an answer", null));
    }
    return next;
  }

  @Override
  public void release(String jobId) {
    Turn turn = turns.get(jobId);
    if (turn != null) {
      turn.answers.offer(Answer.RELEASE);
    }
  }

  /** A working turn of {@code jobId} finishes with a change; false when none works. */
  public boolean finish(String jobId) {
    Turn turn = turns.get(jobId);
    if (turn == null) {
      return false;
    }
    synchronized (turn) {
      turn.finished = true;
      turn.notifyAll();
    }
    return true;
  }

  @Override
  public boolean cancel(String jobId) {
    Turn turn = turns.get(jobId);
    if (turn == null) {
      return false;
    }
    cancelled.add(jobId);
    turn.cancelled = true;
    turn.answers.offer(Answer.RELEASE);
    synchronized (turn) {
      turn.notifyAll();
    }
    return true;
  }

  @Override
  public PoolSnapshot snapshot() {
    return new PoolSnapshot(List.of(), 0, Duration.ZERO);
  }

  /** The snapshot never changes, so the listener is never called. */
  @Override
  public Subscription onChange(Runnable listener) {
    return () -> {};
  }

  @Override
  public void close() {
    closed = true;
    for (Turn turn : turns.values()) {
      turn.answers.offer(Answer.RELEASE);
      synchronized (turn) {
        turn.notifyAll();
      }
    }
  }

  /** An answer to type, or (without a future) the end of the conversation. */
  private record Answer(String text, CompletableFuture<TurnResult> result) {
    static final Answer RELEASE = new Answer(null, null);

    boolean releases() {
      return result == null;
    }
  }

  private TurnResult result(String jobId, TurnOutcome outcome, String failure, String question) {
    Instant now = clock.instant();
    return new TurnResult(
        jobId,
        1,
        outcome,
        "",
        Optional.ofNullable(failure),
        Optional.ofNullable(question),
        List.of(),
        Duration.ofMillis(100),
        Path.of("transcript-" + jobId),
        now,
        now);
  }

  private static TurnResult spending(TurnResult r, Usage usage) {
    return new TurnResult(
        r.jobId(),
        r.workerId(),
        r.outcome(),
        r.output(),
        r.failure(),
        r.question(),
        r.approvals(),
        r.duration(),
        r.transcript(),
        r.startedAt(),
        r.endedAt(),
        usage);
  }

  /** One job's turn on its own directory. */
  private final class Turn {
    final TurnRequest request;
    final Path directory;
    final CompletableFuture<TurnResult> first = new CompletableFuture<>();
    final LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    volatile boolean cancelled;
    boolean finished;

    Turn(TurnRequest request, Path directory) {
      this.request = request;
      this.directory = directory;
    }

    void run() {
      String jobId = request.jobId();
      try {
        try {
          request.preparation().prepare(directory);
        } catch (Exception e) {
          first.complete(
              result(
                  jobId,
                  TurnOutcome.FAILED,
                  "preparing the workspace failed: " + e.getMessage(),
                  null));
          return;
        }
        started.incrementAndGet();
        TurnResult result = play(next(request.prompt()));
        CompletableFuture<TurnResult> waiting = first;
        while (result.outcome() == TurnOutcome.NEEDS_INPUT && !request.answerWait().isZero()) {
          waiting.complete(result);
          Answer answer = answers.take();
          if (answer.releases()) {
            return;
          }
          waiting = answer.result();
          result = play(next(request.prompt()));
        }
        waiting.complete(complete(result));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        turns.remove(jobId, this);
      }
    }

    private TurnResult play(Step step) throws InterruptedException {
      String jobId = request.jobId();
      if (cancelled) {
        return result(jobId, TurnOutcome.CANCELLED, "cancelled", null);
      }
      return switch (step) {
        case Step.Complete c -> {
          if (c.writes()) {
            workspaces.write(directory);
          }
          yield result(jobId, TurnOutcome.COMPLETED, null, null);
        }
        case Step.Die d -> result(jobId, TurnOutcome.FAILED, d.reason(), null);
        case Step.TimeOut t -> {
          if (t.writes()) {
            workspaces.write(directory);
          }
          yield result(jobId, TurnOutcome.TIMED_OUT, null, null);
        }
        case Step.Ask a -> result(jobId, TurnOutcome.NEEDS_INPUT, null, a.question());
        case Step.Spend spend -> spending(play(spend.then()), spend.usage());
        case Step.OverBudget over -> {
          if (over.writes()) {
            workspaces.write(directory);
          }
          String why =
              request.budget().exceededBy(over.usage()).orElse("the turn's budget is spent");
          yield spending(
              result(jobId, TurnOutcome.TIMED_OUT, Budget.REACHED + ": " + why, null),
              over.usage());
        }
        case Step.Work w -> {
          synchronized (this) {
            while (!cancelled && !closed && !finished) {
              wait();
            }
          }
          if (finished && !cancelled) {
            workspaces.write(directory);
            yield result(jobId, TurnOutcome.COMPLETED, null, null);
          }
          yield cancelled
              ? result(jobId, TurnOutcome.CANCELLED, "cancelled", null)
              : result(jobId, TurnOutcome.FAILED, "the agent process exited with code 137", null);
        }
      };
    }

    private TurnResult complete(TurnResult result) {
      try {
        request.completion().complete(directory, result);
        return result;
      } catch (Exception e) {
        return result(request.jobId(), TurnOutcome.FAILED, e.getMessage(), null);
      }
    }
  }
}
