package dev.delegate.agent.pool;

import dev.delegate.agent.session.DriverSession;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.TransientException;
import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.PoolFullException;
import dev.delegate.core.agent.PoolSnapshot;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.WorkerSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * N warm agent sessions, each in its own directory. A free, ready worker takes a turn at once;
 * otherwise the turn waits in a bounded FIFO queue. Sessions that exit or stall are killed with
 * their process tree and restarted with back-off.
 */
public final class WorkerPool implements AgentPool {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
  private static final Duration STABLE_SESSION = Duration.ofMinutes(1);

  private final PoolConfig config;
  private final AgentProfile profile;
  private final SessionContext context;
  private final Clock clock;
  private final Instant startedAt;
  private final List<Worker> workers = new ArrayList<>();
  private final Deque<PendingTurn> queue = new ArrayDeque<>();
  private final ScheduledExecutorService scheduler;
  private final TurnRunner runner;
  private final TerminalFeed feed = new TerminalFeed();
  private final Conversations conversations = new Conversations();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final List<Observer> observers = new CopyOnWriteArrayList<>();
  private boolean closed;

  /**
   * Told what the pool did, e.g. for metrics: called without the pool's lock, must not block. A
   * restart's reason is {@code not_ready} (the session did not start), {@code exited} (the agent
   * exited between turns), {@code stalled} (it printed nothing past the stall timeout in a turn) or
   * {@code turn_failed} (its session was not usable after a turn: it died, or could not be
   * interrupted or cleared).
   */
  public interface Observer {
    /** A turn ended: a submitted one, or one that typed an answer; as its caller gets it. */
    default void turnEnded(TurnResult result) {}

    /** A worker's session is killed and will be started again after the back-off. */
    default void sessionRestarting(int workerId, String reason) {}
  }

  public WorkerPool(PoolConfig config, AgentProfile profile, SessionContext context) {
    this.config = config;
    this.profile = profile;
    this.context = context;
    this.clock = context.clock();
    this.startedAt = clock.instant();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("pool-supervisor").daemon().unstarted(r));
    this.runner = new TurnRunner(config, clock, conversations, this::turnFinished, feed);
  }

  /** Creates the worker directories and starts every session; returns without waiting. */
  public WorkerPool start() {
    synchronized (this) {
      for (int id = 1; id <= config.workers(); id++) {
        workers.add(new Worker(id, directoryOf(id), clock.instant()));
      }
    }
    workers.forEach(this::launch);
    long sweep = Math.max(50, Math.min(1000, config.stallTimeout().toMillis() / 4));
    var unused =
        scheduler.scheduleWithFixedDelay(this::sweepStalls, sweep, sweep, TimeUnit.MILLISECONDS);
    LOG.info(
        "pool of {} {} workers starting in {}",
        config.workers(),
        profile.name(),
        config.dataDirectory());
    return this;
  }

  @Override
  public CompletableFuture<TurnResult> submit(TurnRequest request) {
    if (request.timeout().compareTo(config.maxTimeout()) > 0) {
      throw new IllegalArgumentException(
          "timeout "
              + request.timeout().toMillis()
              + " ms is over the maximum of "
              + config.maxTimeout().toMillis()
              + " ms");
    }
    PendingTurn pending = new PendingTurn(request, clock.instant());
    synchronized (this) {
      if (closed) {
        throw new TransientException("the worker pool is shutting down");
      }
      Worker free = firstFree();
      if (free != null) {
        begin(free, pending);
      } else if (queue.size() < config.queueCapacity()) {
        queue.addLast(pending);
        var unused =
            scheduler.schedule(
                () -> expire(pending), request.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } else {
        throw new PoolFullException(config.workers(), config.queueCapacity());
      }
    }
    changed();
    observeTurn(pending.result);
    return pending.result;
  }

  /** Tells {@code observer} what the pool does from now on, until the subscription is closed. */
  public Subscription observe(Observer observer) {
    observers.add(observer);
    return () -> observers.remove(observer);
  }

  private void observeTurn(CompletableFuture<TurnResult> result) {
    if (!observers.isEmpty()) {
      var unused =
          result.thenAccept(
              turn -> {
                for (Observer observer : observers) {
                  try {
                    observer.turnEnded(turn);
                  } catch (RuntimeException e) {
                    LOG.warn("pool observer failed: {}", e.toString());
                  }
                }
              });
    }
  }

  @Override
  public CompletableFuture<TurnResult> answer(String jobId, String text, Duration timeout) {
    Objects.requireNonNull(text, "text");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(config.maxTimeout()) > 0) {
      throw new IllegalArgumentException(
          "timeout must be positive and at most " + config.maxTimeout().toMillis() + " ms");
    }
    CompletableFuture<TurnResult> result = new CompletableFuture<>();
    observeTurn(result);
    Optional<Conversation> conversation = conversations.find(jobId);
    boolean taken =
        conversation
            .map(c -> c.offer(new Conversation.Answer(text, timeout, result)))
            .orElse(false);
    if (!taken) {
      result.complete(
          runner.notAnswered(
              jobId,
              conversation.map(c -> c.worker.id).orElse(0),
              "no agent waits for an answer for job " + jobId));
    }
    return result;
  }

  @Override
  public void release(String jobId) {
    conversations.find(jobId).ifPresent(Conversation::release);
  }

  @Override
  public boolean cancel(String jobId) {
    PendingTurn queued = null;
    PendingTurn running = null;
    Worker runningOn = null;
    synchronized (this) {
      for (PendingTurn pending : queue) {
        if (pending.request.jobId().equals(jobId)) {
          queued = pending;
        }
      }
      if (queued != null) {
        queue.remove(queued);
      } else {
        for (Worker worker : workers) {
          PendingTurn turn = worker.currentTurn;
          if (turn != null && turn.request.jobId().equals(jobId)) {
            running = turn;
            runningOn = worker;
          }
        }
      }
    }
    if (queued != null) {
      changed();
      queued.cancel(() -> {});
      queued.result.complete(runner.cancelledBeforeStart(queued));
      return true;
    }
    if (running != null) {
      runner.cancel(runningOn, running);
      return true;
    }
    Optional<Conversation> kept = conversations.find(jobId);
    kept.ifPresent(Conversation::release);
    return kept.isPresent();
  }

  @Override
  public synchronized PoolSnapshot snapshot() {
    Instant now = clock.instant();
    String driver = profile.driver().name().toLowerCase(java.util.Locale.ROOT);
    List<WorkerSnapshot> list = workers.stream().map(w -> w.snapshot(now, driver)).toList();
    return new PoolSnapshot(list, queue.size(), Duration.between(startedAt, now));
  }

  @Override
  public Subscription onChange(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Each worker's live terminal output, for viewers. */
  public TerminalFeed terminalFeed() {
    return feed;
  }

  public AgentProfile profile() {
    return profile;
  }

  @Override
  public void close() {
    List<DriverSession> sessions = new ArrayList<>();
    List<PendingTurn> abandoned;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      abandoned = new ArrayList<>(queue);
      queue.clear();
      for (Worker worker : workers) {
        worker.state = WorkerState.STOPPED;
        if (worker.session != null) {
          sessions.add(worker.session);
        }
      }
    }
    scheduler.shutdownNow();
    changed();
    conversations.all().forEach(Conversation::release);
    abandoned.forEach(p -> p.result.complete(runner.notRun(p, "the pool was shut down")));
    sessions.parallelStream().forEach(DriverSession::close);
  }

  private void launch(Worker worker) {
    DriverSession session =
        Sessions.open(
            worker.id,
            profile,
            context,
            worker.directory,
            config.dataDirectory().resolve("homes").resolve(String.valueOf(worker.id)));
    synchronized (this) {
      if (closed) {
        return;
      }
      worker.session = session;
      worker.state = WorkerState.STARTING;
      worker.sessionStartedAt = clock.instant();
    }
    changed();
    var unused = session.exited().thenAccept(code -> sessionExited(worker, session, code));
    var unusedReady =
        session
            .start()
            .whenComplete(
                (ok, failure) -> {
                  try (MDC.MDCCloseable id =
                      MDC.putCloseable("workerId", String.valueOf(worker.id))) {
                    if (failure != null) {
                      LOG.warn(
                          "[Worker {}] did not become ready: {}", worker.id, describe(failure));
                      restart(worker, session, false, "not_ready");
                    } else {
                      LOG.info("[Worker {}] ready", worker.id);
                      markReady(worker, session);
                    }
                  }
                });
  }

  private void markReady(Worker worker, DriverSession session) {
    synchronized (this) {
      if (worker.session != session || closed) {
        return;
      }
      worker.state = WorkerState.READY;
      worker.currentTask = null;
      worker.idleSince = clock.instant();
      dispatch();
    }
    changed();
  }

  /** Kills the session and starts a new one after the back-off. */
  private void restart(Worker worker, DriverSession session, boolean onlyIfIdle, String reason) {
    Duration delay;
    synchronized (this) {
      if (worker.session != session
          || closed
          || worker.state == WorkerState.RESTARTING
          || (onlyIfIdle && worker.state != WorkerState.READY)) {
        return;
      }
      worker.state = WorkerState.RESTARTING;
      worker.restarts++;
      worker.lastRestart = reason;
      Duration lived = Duration.between(worker.sessionStartedAt, clock.instant());
      worker.failuresInARow = lived.compareTo(STABLE_SESSION) > 0 ? 0 : worker.failuresInARow + 1;
      delay = backoff(worker.failuresInARow);
    }
    changed();
    for (Observer observer : observers) {
      try {
        observer.sessionRestarting(worker.id, reason);
      } catch (RuntimeException e) {
        LOG.warn("pool observer failed: {}", e.toString());
      }
    }
    session.kill();
    LOG.info("[Worker {}] restarting in {} ms", worker.id, delay.toMillis());
    var unused = scheduler.schedule(() -> launch(worker), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Duration backoff(int failuresInARow) {
    long first = config.restartBackoff().toMillis();
    long max = config.maxRestartBackoff().toMillis();
    int shift = Math.min(Math.max(failuresInARow - 1, 0), 20);
    return Duration.ofMillis(Math.min(max, first << shift));
  }

  /** An agent that exits between turns is restarted; one in a turn fails that turn first. */
  private void sessionExited(Worker worker, DriverSession session, int code) {
    LOG.debug("[Worker {}] agent exited (code {})", worker.id, code);
    conversations.of(worker).forEach(Conversation::release);
    restart(worker, session, true, "exited");
  }

  /** A queued turn that no worker took within its timeout fails instead of waiting forever. */
  private void expire(PendingTurn pending) {
    synchronized (this) {
      if (!queue.remove(pending)) {
        return;
      }
    }
    changed();
    pending.result.complete(
        runner.notRun(
            pending,
            "no worker became free within "
                + pending.request.timeout().toMillis()
                + " ms; see /health for the workers' state"));
  }

  private void begin(Worker worker, PendingTurn pending) {
    worker.assign(pending.request.prompt());
    worker.inTurn = true;
    worker.currentTurn = pending;
    DriverSession session = worker.session;
    Thread.ofVirtual()
        .name("turn-" + pending.request.jobId())
        .start(() -> runner.run(worker, session, pending));
  }

  /** Called by the runner when a turn is over and the session is ready again (or broken). */
  private void turnFinished(Worker worker, DriverSession session, boolean sessionUsable) {
    worker.currentTurn = null;
    boolean stalled = worker.stalled;
    worker.stalled = false;
    if (!sessionUsable) {
      restart(worker, session, false, stalled ? "stalled" : "turn_failed");
      return;
    }
    synchronized (this) {
      if (worker.session != session || closed) {
        return;
      }
      worker.turns++;
      worker.state = WorkerState.READY;
      worker.currentTask = null;
      worker.idleSince = clock.instant();
      dispatch();
    }
    changed();
  }

  private void dispatch() {
    Worker free;
    while (!queue.isEmpty() && (free = firstFree()) != null) {
      begin(free, queue.removeFirst());
    }
  }

  /** Tells the {@link #onChange} listeners; called after the lock is released. */
  private void changed() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.warn("pool change listener failed: {}", e.toString());
      }
    }
  }

  private Worker firstFree() {
    for (Worker worker : workers) {
      if (worker.isFree()) {
        return worker;
      }
    }
    return null;
  }

  private void sweepStalls() {
    long now = System.nanoTime();
    long limit = config.stallTimeout().toNanos();
    List<Worker> stalled = new ArrayList<>();
    List<PendingTurn> turns = new ArrayList<>();
    synchronized (this) {
      for (Worker worker : workers) {
        PendingTurn turn = worker.currentTurn;
        if (worker.inTurn
            && turn != null
            && worker.session != null
            && now - worker.session.lastOutputNanos() > limit) {
          stalled.add(worker);
          turns.add(turn);
          worker.stalled = true;
        }
      }
    }
    for (int i = 0; i < stalled.size(); i++) {
      runner.stalled(stalled.get(i), turns.get(i), config.stallTimeout());
    }
  }

  private java.nio.file.Path directoryOf(int id) {
    java.nio.file.Path dir = config.dataDirectory().resolve("workers").resolve(String.valueOf(id));
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create worker directory " + dir, e);
    }
    return dir;
  }

  static String describe(Throwable failure) {
    Throwable cause =
        failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof java.util.concurrent.TimeoutException) {
      return "timed out";
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
