package dev.delegate.server.web;

import dev.delegate.core.job.Dashboard;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/dashboard?hours=24}: what the jobs of the last hours did, from the store's
 * history ({@link Dashboard}); docs/api.md, "Dashboard".
 */
public final class DashboardApi {
  /** The window when the request names none. */
  public static final int DEFAULT_HOURS = 24;

  private final JobStore jobs;
  private final Clock clock;

  public DashboardApi(JobStore jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  public void routes(JavalinConfig config) {
    config.routes.get("/api/dashboard", this::dashboard);
  }

  private void dashboard(Context ctx) {
    int hours = hours(ctx.queryParam("hours"));
    ctx.json(json(Dashboard.of(jobs, clock.instant(), hours), hours));
  }

  static int hours(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_HOURS;
    }
    try {
      int hours = Integer.parseInt(text.strip());
      if (hours >= 1 && hours <= Dashboard.MAX_HOURS) {
        return hours;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "invalid_hours",
        "'hours' must be a whole number from 1 to " + Dashboard.MAX_HOURS + ", was '" + text + "'");
  }

  static Map<String, Object> json(Dashboard d, int hours) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", d.from().toString());
    body.put("to", d.to().toString());
    body.put("hours", hours);
    body.put("bucketMinutes", 60);
    body.put("empty", d.isEmpty());
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("tasks", d.totals().tasks());
    ends(totals, d.totals().ended());
    totals.put("successRate", d.totals().successRate().orElse(null));
    totals.put(
        "medianTimeToPrMs", d.totals().medianTimeToPr().map(Duration::toMillis).orElse(null));
    totals.put("allowed", d.totals().approvals().allowed());
    totals.put("denied", d.totals().approvals().denied());
    body.put("totals", totals);
    List<Map<String, Object>> buckets = new ArrayList<>();
    for (Dashboard.Bucket b : d.buckets()) {
      Map<String, Object> bucket = new LinkedHashMap<>();
      bucket.put("start", b.start().toString());
      bucket.put("tasks", b.tasks());
      ends(bucket, b.ended());
      bucket.put("queued", b.queued());
      bucket.put("busy", b.busy());
      bucket.put("queuedMax", b.queuedMax());
      bucket.put("busyMax", b.busyMax());
      bucket.put("allowed", b.approvals().allowed());
      bucket.put("denied", b.approvals().denied());
      buckets.add(bucket);
    }
    body.put("buckets", buckets);
    List<Map<String, Object>> steps = new ArrayList<>();
    d.steps()
        .forEach(
            (state, step) -> {
              Map<String, Object> s = new LinkedHashMap<>();
              s.put("step", state.name());
              s.put("count", step.count());
              s.put("p50Ms", step.p50().map(Duration::toMillis).orElse(null));
              s.put("p95Ms", step.p95().map(Duration::toMillis).orElse(null));
              steps.add(s);
            });
    body.put("steps", steps);
    List<Map<String, Object>> kinds = new ArrayList<>();
    d.approvalsByKind()
        .forEach(
            (kind, a) -> {
              Map<String, Object> k = new LinkedHashMap<>();
              k.put("kind", kind);
              k.put("allowed", a.allowed());
              k.put("denied", a.denied());
              kinds.add(k);
            });
    body.put("approvalsByKind", kinds);
    return body;
  }

  private static void ends(Map<String, Object> into, Map<JobState, Integer> ended) {
    into.put("succeeded", ended.getOrDefault(JobState.SUCCEEDED, 0));
    into.put("failed", ended.getOrDefault(JobState.FAILED, 0));
    into.put("timedOut", ended.getOrDefault(JobState.TIMED_OUT, 0));
    into.put("cancelled", ended.getOrDefault(JobState.CANCELLED, 0));
  }
}
