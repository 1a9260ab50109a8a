package dev.delegate.server.metrics;

import dev.delegate.core.job.ForwardingJobStore;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link JobStore} that times the writes a processor makes on every job ({@code enqueue}, {@code
 * claim}, {@code transition}, {@code renew_lease}, {@code note}) in {@code
 * delegate_store_operation_seconds{operation}}, and tells {@link JobEndings} of each job this
 * process ended. Reads pass through untimed.
 */
final class TimedJobStore extends ForwardingJobStore {
  private final JobEndings endings;
  private final Timer enqueue;
  private final Timer claim;
  private final Timer transition;
  private final Timer renew;
  private final Timer note;

  TimedJobStore(JobStore store, MeterRegistry registry, JobEndings endings) {
    super(store);
    this.endings = endings;
    this.enqueue = timer(registry, "enqueue");
    this.claim = timer(registry, "claim");
    this.transition = timer(registry, "transition");
    this.renew = timer(registry, "renew_lease");
    this.note = timer(registry, "note");
  }

  private static Timer timer(MeterRegistry registry, String operation) {
    return Timer.builder("delegate.store.operation")
        .description("Job store operations")
        .tag("operation", operation)
        .serviceLevelObjectives(NodeMetrics.FAST_BUCKETS)
        .register(registry);
  }

  private static <T> T time(Timer timer, Supplier<T> operation) {
    long start = System.nanoTime();
    try {
      return operation.get();
    } finally {
      timer.record(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  @Override
  public Enqueued enqueue(NewJob job, Instant now) {
    return time(enqueue, () -> store.enqueue(job, now));
  }

  @Override
  public Optional<Job> claim(String owner, String agent, Duration lease, Instant now) {
    return time(claim, () -> store.claim(owner, agent, lease, now));
  }

  @Override
  public boolean renewLease(String jobId, String owner, Duration lease, Instant now) {
    return time(renew, () -> store.renewLease(jobId, owner, lease, now));
  }

  @Override
  public boolean transition(
      String jobId, String owner, JobState to, String message, JobChange change, Instant now) {
    boolean moved =
        time(transition, () -> store.transition(jobId, owner, to, message, change, now));
    if (moved) {
      endings.moved(jobId, to);
    }
    return moved;
  }

  @Override
  public Map<String, JobState> takeBackExpired(Instant now, int maxAttempts) {
    Map<String, JobState> taken = store.takeBackExpired(now, maxAttempts);
    taken.forEach(endings::moved);
    return taken;
  }

  @Override
  public Cancel cancel(String jobId, String reason, Instant now) {
    Cancel result = store.cancel(jobId, reason, now);
    if (result == Cancel.CANCELLED) {
      endings.moved(jobId, JobState.CANCELLED);
    }
    return result;
  }

  @Override
  public boolean note(String jobId, String message, Instant now) {
    return time(note, () -> store.note(jobId, message, now));
  }
}
