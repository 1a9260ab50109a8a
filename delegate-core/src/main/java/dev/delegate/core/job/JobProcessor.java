package dev.delegate.core.job;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due jobs from the store and runs each with a {@link JobRun}. A job is claimed only while
 * fewer than {@code concurrency} jobs need a worker (preparing, running, committing); a job whose
 * commit is made gives its worker up and pushes and comments on its own, so the next job starts on
 * that worker meanwhile. At most {@value #FINISHING_PER_WORKER} times {@code concurrency} jobs are
 * in hand in all. It looks for work when told ({@link #wake()}, e.g. right after an enqueue) and
 * every tick, when it also returns jobs whose lease ran out (their node died) to the queue.
 */
public final class JobProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);

  private final JobServices services;
  private final ProcessorNode node;
  private final ProcessorSettings settings;
  private final JobStore store;
  private final Clock clock;

  /** How many jobs past their worker (pushing, commenting) may be in hand per worker. */
  static final int FINISHING_PER_WORKER = 4;

  private final Semaphore workers;
  private final Semaphore slots;
  private final Semaphore wakeups = new Semaphore(0);
  private final InputWaits inputs = new InputWaits();
  private final Map<String, JobRun> running = new ConcurrentHashMap<>();
  private final PullRequestStatus status;
  private volatile boolean closed;
  private volatile boolean stopping;
  private Thread dispatcher;

  public JobProcessor(JobServices services) {
    this.services = services;
    this.node = services.node();
    this.settings = services.settings();
    this.store = services.store();
    this.clock = services.clock();
    this.workers = new Semaphore(node.concurrency());
    this.slots = new Semaphore(node.concurrency() * (1 + FINISHING_PER_WORKER));
    this.status = new PullRequestStatus(services.forge(), services.node().agentName());
  }

  public JobProcessor start() {
    dispatcher = Thread.ofPlatform().name("job-dispatcher").daemon().start(this::dispatch);
    LOG.info(
        "processor {} started: {} jobs at a time, lease {} s",
        node.nodeId(),
        node.concurrency(),
        settings.lease().toSeconds());
    return this;
  }

  /** Look for work now. */
  public void wake() {
    wakeups.release();
  }

  /** An answer for {@code jobId} was stored: a job of this node waiting for it takes it now. */
  public void inputArrived(String jobId) {
    inputs.signal(jobId);
  }

  /**
   * A person asked to cancel {@code jobId} (the store holds the request, see {@link
   * JobCancellation}): when this node works on it, the agent is interrupted, or its wait for an
   * answer ends, at once; otherwise nothing (the node holding it sees the request within a tick).
   */
  public void cancelRequested(String jobId) {
    JobRun run = running.get(jobId);
    if (run != null) {
      run.cancel();
    }
  }

  /**
   * Stops this node's processing the way a drain should: no job is claimed any more; the jobs in
   * hand get {@code grace} to finish; then {@code cutOffTurns} runs (the pool closes, so turns
   * still running end) and each job cut off that way goes back to the queue without using an
   * attempt ("returned to the queue: node shutting down"); finally their endings are recorded.
   */
  public void shutdown(Duration grace, Runnable cutOffTurns) {
    closed = true;
    wake();
    try {
      if (dispatcher != null) {
        dispatcher.join(5_000);
      }
      int all = node.concurrency() * (1 + FINISHING_PER_WORKER);
      boolean finished = slots.tryAcquire(all, grace.toMillis(), TimeUnit.MILLISECONDS);
      if (finished) {
        slots.release(all);
      } else {
        LOG.info(
            "jobs still running after the {} s shutdown grace; returning them to the queue",
            grace.toSeconds());
      }
      stopping = true;
      inputs.close();
      cutOffTurns.run();
      if (slots.tryAcquire(all, 15, TimeUnit.SECONDS)) {
        slots.release(all);
      } else {
        LOG.warn("jobs still running at shutdown; their leases will run out and they run again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether {@link #shutdown} has begun: from then on no job is claimed. */
  public boolean draining() {
    return closed;
  }

  /** {@link #shutdown} without a grace period, for a node whose turns were already cut off. */
  @Override
  public void close() {
    shutdown(Duration.ZERO, () -> {});
  }

  private void dispatch() {
    long lastSweep = 0;
    while (!closed) {
      try {
        if (System.nanoTime() - lastSweep >= settings.tick().toNanos()) {
          lastSweep = System.nanoTime(); // once a tick, not on every wake-up
          sweep();
        }
        claimWhileFree();
        wakeups.tryAcquire(settings.tick().toMillis(), TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("job dispatcher: {}; trying again", e.toString(), e);
        sleepQuietly();
      }
    }
  }

  /**
   * Once a tick: takes back the jobs whose node stopped answering (an ended one gets its status and
   * comment here, as its node cannot), and carries out cancel requests for this node's jobs (made
   * through another node).
   */
  private void sweep() {
    Map<String, JobState> taken =
        store.takeBackExpired(clock.instant(), settings.retry().maxAttempts());
    taken.forEach(
        (id, state) -> {
          LOG.warn(
              "job {}: its lease ran out (the node holding it stopped answering); {}",
              id,
              state == JobState.QUEUED ? "back to the queue" : state);
          if (state != JobState.QUEUED) {
            store
                .find(id)
                .ifPresent(job -> status.ended(job, state, job.failure().orElse(state.name())));
          }
        });
    for (String id : store.cancelRequested(node.nodeId())) {
      JobRun run = running.get(id);
      if (run != null) {
        run.cancel();
      }
    }
  }

  private void claimWhileFree() {
    while (!closed && workers.tryAcquire()) {
      if (!slots.tryAcquire()) {
        workers.release();
        return;
      }
      Optional<Job> claimed;
      try {
        claimed = store.claim(node.nodeId(), node.agentName(), settings.lease(), clock.instant());
      } catch (RuntimeException e) {
        workers.release();
        slots.release();
        throw e;
      }
      if (claimed.isEmpty()) {
        workers.release();
        slots.release();
        return;
      }
      Job job = claimed.get();
      AtomicBoolean workerGiven = new AtomicBoolean();
      Runnable giveWorker =
          () -> {
            if (workerGiven.compareAndSet(false, true)) {
              workers.release();
              wake();
            }
          };
      Thread.ofVirtual()
          .name("job-" + job.id())
          .start(
              () -> {
                JobRun run = new JobRun(job, services, inputs, giveWorker, () -> stopping);
                running.put(job.id(), run);
                try {
                  run.run();
                } catch (RuntimeException e) {
                  LOG.error("job {} failed unexpectedly", job.id(), e);
                } finally {
                  // only this run's entry: after a lost lease this node may run the job again
                  running.remove(job.id(), run);
                  giveWorker.run();
                  slots.release();
                  wake();
                }
              });
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(settings.tick().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
