package dev.delegate.core.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the jobs that stay in one state past its limit ({@link #limits}): each is logged once when
 * it is first found, counted ({@link #found()}), and listed ({@link #current()}) until it moves on.
 * Such a job is not touched: its node may still be working on it (a slow git server, a huge
 * workspace), and a lease that runs out is taken back by the store already; this tells a person
 * where to look.
 */
public final class StuckJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StuckJobs.class);

  /** How often the store is looked at. */
  public static final Duration EVERY = Duration.ofSeconds(15);

  /** The most stuck jobs listed at once. */
  static final int MOST = 200;

  /** Limits for preparing and committing, which take seconds. */
  public static final Duration PREPARING_LIMIT = Duration.ofMinutes(5);

  public static final Duration COMMITTING_LIMIT = Duration.ofMinutes(5);

  /** How long past its own timeout a job may take to time itself out. */
  public static final Duration MARGIN = Duration.ofMinutes(5);

  /** One job found past its state's limit. */
  public record Stuck(String jobId, JobState state, Instant since, Duration limit) {}

  private final JobStore store;
  private final Clock clock;
  private final Map<JobState, Duration> limits;
  private final AtomicLong found = new AtomicLong();
  private final Set<String> told = new HashSet<>();
  private volatile List<Stuck> current = List.of();
  private volatile Thread watcher;

  public StuckJobs(JobStore store, Clock clock, Map<JobState, Duration> limits) {
    this.store = store;
    this.clock = clock;
    Map<JobState, Duration> copy = new EnumMap<>(JobState.class);
    copy.putAll(limits);
    this.limits = Collections.unmodifiableMap(copy);
  }

  /**
   * The limits for a processor's settings: preparing and committing 5 minutes; running twice the
   * turn timeout (a job may run further turns in the same session: an answered question, criteria
   * checked) plus {@link #MARGIN}; waiting for an answer the input timeout plus {@link #MARGIN}.
   */
  public static Map<JobState, Duration> limits(ProcessorSettings settings) {
    Map<JobState, Duration> limits = new EnumMap<>(JobState.class);
    limits.put(JobState.PREPARING, PREPARING_LIMIT);
    limits.put(JobState.RUNNING, settings.turnTimeout().multipliedBy(2).plus(MARGIN));
    limits.put(JobState.COMMITTING, COMMITTING_LIMIT);
    limits.put(JobState.NEEDS_INPUT, settings.inputTimeout().plus(MARGIN));
    return limits;
  }

  public Map<JobState, Duration> limits() {
    return limits;
  }

  /** Looks every {@link #EVERY} on a thread of its own until {@link #close}. */
  public StuckJobs start() {
    watcher =
        Thread.ofVirtual()
            .name("stuck-jobs")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      check();
                    } catch (RuntimeException e) {
                      LOG.warn("could not look for stuck jobs: {}", e.toString());
                    }
                    try {
                      Thread.sleep(EVERY);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    return this;
  }

  /** Looks at the store once; returns the jobs stuck now. */
  public synchronized List<Stuck> check() {
    Instant now = clock.instant();
    Duration shortest = limits.values().stream().min(Duration::compareTo).orElse(Duration.ZERO);
    List<Stuck> stuck = new ArrayList<>();
    for (Job job : store.heldSince(now.minus(shortest), MOST)) {
      Duration limit = limits.get(job.state());
      if (limit != null && !job.updatedAt().plus(limit).isAfter(now)) {
        stuck.add(new Stuck(job.id(), job.state(), job.updatedAt(), limit));
      }
    }
    Set<String> keys = new HashSet<>();
    for (Stuck s : stuck) {
      String key = s.jobId() + " " + s.state() + " " + s.since();
      keys.add(key);
      if (told.add(key)) {
        found.incrementAndGet();
        LOG.warn(
            "job {} has been {} since {}, past the limit of {} s: the node working on it may be"
                + " stuck",
            s.jobId(),
            s.state(),
            s.since(),
            s.limit().toSeconds());
      }
    }
    told.retainAll(keys);
    current = List.copyOf(stuck);
    return current;
  }

  /** The jobs found stuck at the last look. */
  public List<Stuck> current() {
    return current;
  }

  /** How many times a job was found stuck in a state, since this node started. */
  public long found() {
    return found.get();
  }

  @Override
  public void close() {
    Thread running = watcher;
    if (running != null) {
      running.interrupt();
    }
  }
}
