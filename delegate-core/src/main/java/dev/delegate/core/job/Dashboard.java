package dev.delegate.core.job;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the jobs of a time window did, computed from the store's {@link JobHistory}: tasks per hour,
 * how jobs ended, time per step, queue depth and busy workers over time, approval decisions.
 *
 * <p>The window runs from the start of the hour {@code hours - 1} hours before {@code now}'s hour
 * to {@code now}, in buckets of one hour (the last one runs to {@code now}). A job counts once as
 * ended, by the state its last move in the window took it to, in that move's bucket; a step's time
 * counts when the job both entered and left the step in the window.
 *
 * @param steps the time spent per visit in each of {@link #STEPS}, in that order
 * @param approvalsByKind approval decisions by tool kind (e.g. {@code shell}), by name
 */
public record Dashboard(
    Instant from,
    Instant to,
    List<Bucket> buckets,
    Totals totals,
    Map<JobState, Step> steps,
    Map<String, Approvals> approvalsByKind) {

  /** The most hours a dashboard covers (30 days). */
  public static final int MAX_HOURS = 720;

  /** The steps a job goes through on its way to a pull request. */
  public static final List<JobState> STEPS =
      List.of(JobState.QUEUED, JobState.PREPARING, JobState.RUNNING, JobState.COMMITTING);

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Set<JobState> ENDS =
      EnumSet.of(JobState.SUCCEEDED, JobState.FAILED, JobState.TIMED_OUT, JobState.CANCELLED);

  /**
   * One hour of the window.
   *
   * @param tasks jobs created
   * @param ended jobs that ended, by end state
   * @param queued jobs in {@code QUEUED} at the bucket's end ({@code to} for the last bucket)
   * @param busy jobs held by a worker ({@link JobState#isLeased()}) at the bucket's end
   * @param queuedMax the most jobs in {@code QUEUED} at any moment of the bucket
   * @param busyMax the most jobs held at any moment of the bucket
   */
  public record Bucket(
      Instant start,
      int tasks,
      Map<JobState, Integer> ended,
      int queued,
      int busy,
      int queuedMax,
      int busyMax,
      Approvals approvals) {}

  /**
   * The whole window.
   *
   * @param successRate succeeded among those that succeeded, failed or timed out (cancelled ones do
   *     not count); empty when none did
   * @param medianTimeToPr from a job's creation to {@code SUCCEEDED}, over the jobs that succeeded
   */
  public record Totals(
      int tasks,
      Map<JobState, Integer> ended,
      Optional<Double> successRate,
      Optional<Duration> medianTimeToPr,
      Approvals approvals) {}

  /**
   * How long visits to a step took: their count and the 50th and 95th percentile (nearest rank).
   */
  public record Step(int count, Optional<Duration> p50, Optional<Duration> p95) {}

  /** Approval decisions: allowed (allow and trust) and denied. */
  public record Approvals(int allowed, int denied) {
    static final Approvals NONE = new Approvals(0, 0);

    Approvals plus(boolean allowedOne) {
      return allowedOne ? new Approvals(allowed + 1, denied) : new Approvals(allowed, denied + 1);
    }
  }

  /** Whether there is anything to show: a job moved, or one was queued or held, in the window. */
  public boolean isEmpty() {
    return totals.tasks == 0
        && buckets.stream().allMatch(b -> b.queuedMax == 0 && b.busyMax == 0)
        && totals.ended.values().stream().allMatch(n -> n == 0);
  }

  /** The dashboard of the {@code hours} (1 to {@link #MAX_HOURS}) up to {@code now}. */
  public static Dashboard of(JobStore store, Instant now, int hours) {
    if (hours < 1 || hours > MAX_HOURS) {
      throw new IllegalArgumentException("hours must be 1 to " + MAX_HOURS + ", not " + hours);
    }
    Instant from = now.truncatedTo(ChronoUnit.HOURS).minus(HOUR.multipliedBy(hours - 1L));
    return of(store.history(from), from, now);
  }

  /** Computes the dashboard of {@code history} for the window from {@code from} to {@code to}. */
  public static Dashboard of(JobHistory history, Instant from, Instant to) {
    return new Computation(from, to).run(history);
  }

  /** One pass over the history; the state of one computation. */
  private static final class Computation {
    private final Instant from;
    private final Instant to;
    private final int n;
    private final int[] tasks;
    private final List<Map<JobState, Integer>> ended = new ArrayList<>();
    private final Approvals[] approvals;
    private final Map<String, Approvals> byKind = new TreeMap<>();
    private final Map<JobState, List<Duration>> stepTimes = new EnumMap<>(JobState.class);
    private final List<Duration> timesToPr = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private final Map<JobState, Integer> initial = new EnumMap<>(JobState.class);

    /** A job moved from {@code old} (null: it was created) to {@code now} at {@code at}. */
    private record Change(Instant at, JobState old, JobState now) {}

    Computation(Instant from, Instant to) {
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("the window ends before it starts");
      }
      this.from = from;
      this.to = to;
      this.n = (int) (Duration.between(from, to).toMillis() / HOUR.toMillis()) + 1;
      this.tasks = new int[n];
      this.approvals = new Approvals[n];
      for (int i = 0; i < n; i++) {
        ended.add(new EnumMap<>(JobState.class));
        approvals[i] = Approvals.NONE;
      }
      for (JobState step : STEPS) {
        stepTimes.put(step, new ArrayList<>());
      }
    }

    Dashboard run(JobHistory history) {
      Map<String, List<JobHistory.Entry>> byJob = new LinkedHashMap<>();
      for (JobHistory.Entry e : history.events()) {
        byJob.computeIfAbsent(e.jobId(), id -> new ArrayList<>()).add(e);
      }
      byJob.values().forEach(this::job);
      history.unchanged().values().forEach(state -> initial.merge(state, 1, Integer::sum));
      List<Bucket> buckets = sweep();
      return new Dashboard(
          from, to, buckets, totals(), steps(), Collections.unmodifiableMap(byKind));
    }

    private int bucket(Instant at) {
      return (int) (Duration.between(from, at).toMillis() / HOUR.toMillis());
    }

    /** One job's events, in the order recorded; a time earlier than the one before counts as it. */
    private void job(List<JobHistory.Entry> events) {
      JobHistory.Entry first = events.getFirst();
      JobState state = first.from().orElse(null);
      if (state != null) {
        initial.merge(state, 1, Integer::sum);
      }
      Instant entered = null;
      Instant last = from;
      JobHistory.Entry lastMove = null;
      Instant lastMoveAt = null;
      for (JobHistory.Entry e : events) {
        Instant at = e.at().isBefore(last) ? last : e.at();
        last = at;
        if (at.isAfter(to)) {
          break;
        }
        if (e.isNote()) {
          approval(e.approval(), at);
          continue;
        }
        if (e.from().isEmpty()) {
          tasks[bucket(at)]++;
        }
        if (entered != null && stepTimes.containsKey(state)) {
          stepTimes.get(state).add(Duration.between(entered, at));
        }
        changes.add(new Change(at, state, e.to()));
        state = e.to();
        entered = at;
        lastMove = e;
        lastMoveAt = at;
      }
      if (lastMove != null && ENDS.contains(lastMove.to())) {
        ended.get(bucket(lastMoveAt)).merge(lastMove.to(), 1, Integer::sum);
        if (lastMove.to() == JobState.SUCCEEDED) {
          timesToPr.add(Duration.between(lastMove.jobCreatedAt(), lastMoveAt));
        }
      }
    }

    /** Counts a note {@code approval: <verdict> <kind> …}; other notes are not approvals. */
    private void approval(String text, Instant at) {
      if (!text.startsWith(JobEvent.APPROVAL_NOTE)) {
        return;
      }
      String[] words = text.substring(JobEvent.APPROVAL_NOTE.length()).split(" ", 3);
      String verdict = words[0].toLowerCase(Locale.ROOT);
      if (!verdict.equals("allow") && !verdict.equals("trust") && !verdict.equals("deny")) {
        return;
      }
      boolean allowed = !verdict.equals("deny");
      int b = bucket(at);
      approvals[b] = approvals[b].plus(allowed);
      String kind = words.length > 1 && !words[1].isEmpty() ? words[1] : "other";
      byKind.merge(kind, Approvals.NONE.plus(allowed), (x, y) -> x.plus(allowed));
    }

    /** Replays the moves in time order: queue depth and busy workers per bucket. */
    private List<Bucket> sweep() {
      changes.sort((a, b) -> a.at().compareTo(b.at()));
      int queued = initial.getOrDefault(JobState.QUEUED, 0);
      int busy = 0;
      for (Map.Entry<JobState, Integer> e : initial.entrySet()) {
        busy += e.getKey().isLeased() ? e.getValue() : 0;
      }
      List<Bucket> buckets = new ArrayList<>(n);
      int next = 0;
      for (int b = 0; b < n; b++) {
        Instant start = from.plus(HOUR.multipliedBy(b));
        int queuedMax = queued;
        int busyMax = busy;
        while (next < changes.size() && (b == n - 1 || bucket(changes.get(next).at()) == b)) {
          Instant at = changes.get(next).at();
          while (next < changes.size() && changes.get(next).at().equals(at)) {
            Change c = changes.get(next++);
            queued += (c.now() == JobState.QUEUED ? 1 : 0) - (c.old() == JobState.QUEUED ? 1 : 0);
            busy += (c.now().isLeased() ? 1 : 0) - (c.old() != null && c.old().isLeased() ? 1 : 0);
          }
          queuedMax = Math.max(queuedMax, queued);
          busyMax = Math.max(busyMax, busy);
        }
        buckets.add(
            new Bucket(
                start,
                tasks[b],
                Collections.unmodifiableMap(ended.get(b)),
                queued,
                busy,
                queuedMax,
                busyMax,
                approvals[b]));
      }
      return List.copyOf(buckets);
    }

    private Totals totals() {
      Map<JobState, Integer> ends = new EnumMap<>(JobState.class);
      for (JobState end : ENDS) {
        ends.put(end, 0);
      }
      int allTasks = 0;
      int allowed = 0;
      int denied = 0;
      for (int b = 0; b < n; b++) {
        allTasks += tasks[b];
        ended.get(b).forEach((state, count) -> ends.merge(state, count, Integer::sum));
        allowed += approvals[b].allowed();
        denied += approvals[b].denied();
      }
      int succeeded = ends.get(JobState.SUCCEEDED);
      int decided = succeeded + ends.get(JobState.FAILED) + ends.get(JobState.TIMED_OUT);
      Optional<Double> rate =
          decided == 0 ? Optional.empty() : Optional.of((double) succeeded / decided);
      return new Totals(
          allTasks,
          Collections.unmodifiableMap(ends),
          rate,
          percentile(timesToPr, 50),
          new Approvals(allowed, denied));
    }

    private Map<JobState, Step> steps() {
      Map<JobState, Step> steps = new LinkedHashMap<>();
      for (JobState step : STEPS) {
        List<Duration> times = stepTimes.get(step);
        steps.put(step, new Step(times.size(), percentile(times, 50), percentile(times, 95)));
      }
      return Collections.unmodifiableMap(steps);
    }

    /** The nearest-rank percentile: the smallest value at least {@code p} % of values reach. */
    private static Optional<Duration> percentile(List<Duration> values, int p) {
      if (values.isEmpty()) {
        return Optional.empty();
      }
      List<Duration> sorted = values.stream().sorted().toList();
      int rank = (int) Math.ceil(p / 100.0 * sorted.size());
      return Optional.of(sorted.get(Math.max(rank, 1) - 1));
    }
  }
}
