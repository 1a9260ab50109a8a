package dev.delegate.core.job;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renews a job's lease every third of its length while the job runs on this node. */
final class LeaseKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private final Thread thread;
  private final CountDownLatch stop = new CountDownLatch(1);

  private LeaseKeeper(String jobId, JobServices services) {
    String nodeId = services.node().nodeId();
    Duration lease = services.settings().lease();
    JobStore store = services.store();
    Clock clock = services.clock();
    long every = lease.toMillis() / 3;
    this.thread =
        Thread.ofVirtual()
            .name("lease-" + jobId)
            .unstarted(
                () -> {
                  while (true) {
                    try {
                      if (stop.await(every, TimeUnit.MILLISECONDS)) {
                        return;
                      }
                    } catch (InterruptedException e) {
                      return;
                    }
                    try {
                      if (!store.renewLease(jobId, nodeId, lease, clock.instant())) {
                        LOG.warn("job {}: lease lost; another node may take it over", jobId);
                        return;
                      }
                    } catch (RuntimeException e) {
                      LOG.warn(
                          "job {}: lease not renewed ({}); trying again", jobId, e.getMessage());
                    }
                  }
                });
  }

  static LeaseKeeper start(String jobId, JobServices services) {
    LeaseKeeper keeper = new LeaseKeeper(jobId, services);
    keeper.thread.start();
    return keeper;
  }

  /**
   * Ends the renewals. The thread is woken, never interrupted: an interrupt that lands inside a
   * store call can break the store for everyone (H2 closes its file when a thread doing its I/O is
   * interrupted), so a renewal already under way finishes first.
   */
  void stop() {
    stop.countDown();
  }
}
