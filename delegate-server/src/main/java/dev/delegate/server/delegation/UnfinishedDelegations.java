package dev.delegate.server.delegation;

import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes delegations a node left half-made (killed during {@code POST /api/delegate/personal}):
 * when the API starts, and then every quarter of {@code after}, tasks still {@code SUBMITTED}
 * {@code after} their last step are taken from the store (each by one node) and handed to {@link
 * Delegation#finish}. So nothing a person submitted stays in between: it gets its job, or fails
 * with its pull request closed.
 */
final class UnfinishedDelegations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UnfinishedDelegations.class);
  private static final int BATCH = 50;

  private final TaskStore tasks;
  private final Delegation delegation;
  private final Clock clock;
  private final Duration after;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("unfinished-delegations").daemon().unstarted(r));

  UnfinishedDelegations(TaskStore tasks, Delegation delegation, Clock clock, Duration after) {
    this.tasks = tasks;
    this.delegation = delegation;
    this.clock = clock;
    this.after = after;
  }

  UnfinishedDelegations start() {
    long period = Math.max(250, Math.min(30_000, after.toMillis() / 4));
    var unused = scheduler.scheduleWithFixedDelay(this::sweep, 0, period, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Finishes what is due now; returns how many tasks it took. */
  int sweep() {
    int taken = 0;
    try {
      List<StoredTask> due;
      do {
        Instant now = clock.instant();
        due = tasks.claimUnfinished(now.minus(after), now, BATCH);
        for (StoredTask task : due) {
          taken++;
          finish(task);
        }
      } while (due.size() == BATCH);
    } catch (RuntimeException e) {
      LOG.warn("looking for half-made delegations failed: {}", e.toString());
    }
    return taken;
  }

  private void finish(StoredTask task) {
    LOG.info("task {} was left half-made; finishing its delegation", task.id());
    try {
      delegation.finish(task);
    } catch (RuntimeException e) {
      LOG.warn(
          "task {}: finishing its delegation failed, trying again later: {}",
          task.id(),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    // no interrupt: one landing inside a store call makes H2 close its database for everyone
    scheduler.shutdown();
    try {
      var unused = scheduler.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
