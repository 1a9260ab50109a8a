package dev.delegate.server.metrics;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.StuckJobs;
import dev.delegate.git.cli.Git;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The metrics of one process, whatever roles it runs, served at {@code GET /metrics} on each of its
 * ports in Prometheus' text format (docs/operations.md lists them). They are observed, not threaded
 * through the code that does the work: a decorator of the job store ({@link #timed}), an observer
 * of the worker pool ({@link #watch}), a listener of the git runner ({@link #git}) and a request
 * logger on each HTTP server ({@link MetricsRoute}).
 */
public final class NodeMetrics implements AutoCloseable {
  /** Buckets of the job and step durations: a second to an hour. */
  static final Duration[] JOB_BUCKETS =
      seconds(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600);

  /** Buckets of store operations and HTTP requests: a millisecond to ten seconds. */
  static final Duration[] FAST_BUCKETS =
      seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10);

  /** Buckets of git commands: ten milliseconds to five minutes (git's own time limit). */
  static final Duration[] GIT_BUCKETS = seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 300);

  /** The outcomes a webhook delivery is counted under from the start, so that alerts find them. */
  public static final List<String> WEBHOOK_OUTCOMES = List.of("delivered", "failed");

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;

  private NodeMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
    this.registry = registry;
    this.gc = gc;
  }

  /** A registry of its own, with the JVM's and the process's metrics bound. */
  public static NodeMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    for (String outcome : WEBHOOK_OUTCOMES) {
      webhookCounter(registry, outcome);
    }
    return new NodeMetrics(registry, gc);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Every metric in Prometheus' text format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Counts one webhook delivery in {@code delegate_webhook_deliveries_total{outcome}}: call it once
   * per attempt to deliver, with {@code delivered} (the receiver answered 2xx) or {@code failed}
   * (any other answer, or none); keep outcomes to a few fixed words.
   */
  public void webhookDelivered(String outcome) {
    webhookCounter(registry, outcome.toLowerCase(Locale.ROOT)).increment();
  }

  private static Counter webhookCounter(MeterRegistry registry, String outcome) {
    return Counter.builder("delegate.webhook.deliveries")
        .description("Webhook deliveries by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Times each git command by subcommand and outcome ({@code ok}: exit code 0). */
  public Git.Listener git() {
    return (command, took, exitCode) ->
        Timer.builder("delegate.git.command")
            .description("git commands by subcommand")
            .tag("command", command)
            .tag("outcome", exitCode == 0 ? "ok" : exitCode < 0 ? "timeout" : "failed")
            .serviceLevelObjectives(GIT_BUCKETS)
            .register(registry)
            .record(took);
  }

  /**
   * {@code store}, timed, and counting the jobs this process ends; also the active jobs' gauges,
   * read from it on each scrape.
   */
  public JobStore timed(JobStore store, Clock clock) {
    JobEndings endings = new JobEndings(store, registry);
    ActiveJobsGauges.register(store, clock, registry);
    return new TimedJobStore(store, registry, endings);
  }

  /**
   * The jobs found held in one state past its limit: {@code delegate_jobs_stuck} (now) and {@code
   * delegate_jobs_stuck_found_total} (each job and state once, since this process started).
   */
  public void watch(StuckJobs stuck) {
    Gauge.builder("delegate.jobs.stuck", stuck, s -> s.current().size())
        .description("Jobs held in one state past its limit, at the last look")
        .register(registry);
    FunctionCounter.builder("delegate.jobs.stuck.found", stuck, StuckJobs::found)
        .description("Times a job was found in one state past its limit")
        .register(registry);
  }

  /** Watches {@code pool}: workers by state, turns, approvals and session restarts. */
  public AgentPool.Subscription watch(WorkerPool pool) {
    return PoolMetrics.watch(pool, registry);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  private static Duration[] seconds(double... values) {
    Duration[] buckets = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      buckets[i] = Duration.ofNanos((long) (values[i] * 1e9));
    }
    return buckets;
  }
}
