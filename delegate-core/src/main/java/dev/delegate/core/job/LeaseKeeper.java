package dev.delegate.core.job;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renews a job's lease every third of its length while the job runs on this node. */
final class LeaseKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private final Thread thread;
  private volatile boolean stopped;

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
                  while (!stopped) {
                    try {
                      Thread.sleep(every);
                    } catch (InterruptedException e) {
                      return;
                    }
                    try {
                      if (!stopped && !store.renewLease(jobId, nodeId, lease, clock.instant())) {
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

  void stop() {
    stopped = true;
    thread.interrupt();
  }
}
