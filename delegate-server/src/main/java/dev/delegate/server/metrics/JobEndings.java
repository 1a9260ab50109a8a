package dev.delegate.server.metrics;

import dev.delegate.core.job.Dashboard;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each job this process ended, by end state and agent, and records from the job's events how
 * long it took and how long each visit to a step took ({@link Dashboard#STEPS}, as the dashboard
 * computes them). The job and its events are read on a virtual thread of their own, so that the
 * move that ended the job returns at once.
 */
final class JobEndings {
  private static final Logger LOG = LoggerFactory.getLogger(JobEndings.class);
  static final Set<JobState> ENDS =
      EnumSet.of(JobState.SUCCEEDED, JobState.FAILED, JobState.TIMED_OUT, JobState.CANCELLED);

  private final JobStore store;
  private final MeterRegistry registry;

  JobEndings(JobStore store, MeterRegistry registry) {
    this.store = store;
    this.registry = registry;
    for (JobState end : ENDS) {
      jobDuration(end);
    }
    for (JobState step : Dashboard.STEPS) {
      stepDuration(step);
    }
  }

  /** A job this process moved to {@code state}; counted when that ends it. */
  void moved(String jobId, JobState state) {
    if (ENDS.contains(state)) {
      Thread.ofVirtual().name("metrics-job-" + jobId).start(() -> record(jobId, state));
    }
  }

  private void record(String jobId, JobState end) {
    try {
      Optional<Job> job = store.find(jobId);
      List<JobEvent> events = store.events(jobId);
      String agent = job.flatMap(Job::agent).filter(a -> !a.isBlank()).orElse("none");
      Counter.builder("delegate.jobs.ended")
          .description("Jobs that ended, by end state and agent")
          .tag("state", name(end))
          .tag("agent", agent)
          .register(registry)
          .increment();
      job.ifPresent(
          j -> jobDuration(end).record(Duration.between(j.createdAt(), lastMoveTo(events, end))));
      steps(events);
    } catch (RuntimeException e) {
      LOG.debug("job {}: its end was not measured: {}", jobId, e.toString());
    }
  }

  /** Each visit to a step, from the move into it to the next move. */
  private void steps(List<JobEvent> events) {
    JobState state = null;
    Instant entered = null;
    for (JobEvent event : events) {
      if (event.isNote()) {
        continue;
      }
      if (state != null && Dashboard.STEPS.contains(state)) {
        Duration took = Duration.between(entered, event.at());
        stepDuration(state).record(took.isNegative() ? Duration.ZERO : took);
      }
      state = event.to();
      entered = event.at();
    }
  }

  private static Instant lastMoveTo(List<JobEvent> events, JobState end) {
    for (JobEvent event : events.reversed()) {
      if (!event.isNote() && event.to() == end) {
        return event.at();
      }
    }
    return events.isEmpty() ? Instant.EPOCH : events.getLast().at();
  }

  private Timer jobDuration(JobState end) {
    return Timer.builder("delegate.job.duration")
        .description("Jobs from creation to their end, by end state")
        .tag("state", name(end))
        .serviceLevelObjectives(NodeMetrics.JOB_BUCKETS)
        .register(registry);
  }

  private Timer stepDuration(JobState step) {
    return Timer.builder("delegate.job.step.duration")
        .description("Each visit of a job to a step, by step")
        .tag("step", name(step))
        .serviceLevelObjectives(NodeMetrics.JOB_BUCKETS)
        .register(registry);
  }

  private static String name(JobState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
