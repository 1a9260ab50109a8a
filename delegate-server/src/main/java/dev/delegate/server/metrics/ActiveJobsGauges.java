package dev.delegate.server.metrics;

import dev.delegate.core.job.ActiveJobs;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code delegate_jobs{state}} and {@code delegate_jobs_oldest_age_seconds{state}} for each active
 * state: read from the store (so they count every node's jobs on a shared database), at most once
 * per {@link #FRESH} however many gauges a scrape reads. {@code delegate_queue_jobs} and {@code
 * delegate_queue_oldest_age_seconds} are the queue's, by the names operators look for.
 */
final class ActiveJobsGauges {
  static final Duration FRESH = Duration.ofSeconds(1);

  private final JobStore store;
  private final Clock clock;
  private ActiveJobs last = ActiveJobs.NONE;
  private Instant readAt = Instant.EPOCH;

  private ActiveJobsGauges(JobStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  static void register(JobStore store, Clock clock, MeterRegistry registry) {
    ActiveJobsGauges gauges = new ActiveJobsGauges(store, clock);
    for (JobState state : JobState.values()) {
      if (!state.isActive()) {
        continue;
      }
      String name = state.name().toLowerCase(Locale.ROOT);
      Gauge.builder("delegate.jobs", gauges, g -> g.read().in(state).count())
          .description("Active jobs by state, of every node sharing the store")
          .tag("state", name)
          .strongReference(true)
          .register(registry);
      Gauge.builder("delegate.jobs.oldest.age", gauges, g -> g.age(state))
          .description("How long the job longest in a state has been in it")
          .tag("state", name)
          .baseUnit("seconds")
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder("delegate.queue.jobs", gauges, g -> g.read().in(JobState.QUEUED).count())
        .description("Jobs queued, those waiting for a retry included")
        .strongReference(true)
        .register(registry);
    Gauge.builder("delegate.queue.oldest.age", gauges, g -> g.age(JobState.QUEUED))
        .description("How long the longest-waiting claimable job has waited")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  private double age(JobState state) {
    return read().oldestAge(state, clock.instant()).toMillis() / 1000.0;
  }

  private synchronized ActiveJobs read() {
    Instant now = clock.instant();
    if (Duration.between(readAt, now).compareTo(FRESH) >= 0) {
      try {
        last = store.active(now);
      } catch (RuntimeException e) {
        last = ActiveJobs.NONE; // the store is away: /ready says so, the gauges show nothing
      }
      readAt = now;
    }
    return last;
  }
}
