package dev.delegate.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /live} and {@code GET /ready}, for load balancers and orchestrators; open without the
 * token, on every port (docs/operations.md).
 *
 * <p>{@code /live}: {@code 200} while the process serves requests. {@code /ready}: {@code 200} only
 * when every check of the server passes (the store answers, a session is ready, the forge answers),
 * else {@code 503}; each check runs at most {@link #CHECK_LIMIT}, all at once, and a check may keep
 * its answer for a while ({@link Check#cached}) so that probes do not spend a forge's rate limit.
 * The answer names each check and, for one that failed, why; never a secret.
 */
public final class Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  /** The longest one check may take before it counts as failed. */
  public static final Duration CHECK_LIMIT = Duration.ofSeconds(3);

  /** One check; {@link Probe#probe} returns details to show, or throws why it is not ready. */
  public static final class Check {
    private final String name;
    private final Probe probe;
    private final Duration keep;
    private volatile Result last;

    private Check(String name, Probe probe, Duration keep) {
      this.name = name;
      this.probe = probe;
      this.keep = keep;
    }

    public static Check of(String name, Probe probe) {
      return new Check(name, probe, Duration.ZERO);
    }

    /** A check whose answer, good or bad, is kept for {@code keep}. */
    public static Check cached(String name, Duration keep, Probe probe) {
      return new Check(name, probe, keep);
    }

    String name() {
      return name;
    }
  }

  /** What a check looks at. */
  @FunctionalInterface
  public interface Probe {
    /**
     * @return details shown with a passing check (may be empty)
     * @throws Exception why the check fails; its message is shown
     */
    Map<String, Object> probe() throws Exception;
  }

  private record Result(Map<String, Object> body, Instant at) {}

  private final List<Check> checks;
  private final Clock clock;
  private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();

  private Readiness(List<Check> checks, Clock clock) {
    this.checks = List.copyOf(checks);
    this.clock = clock;
  }

  /** Installs {@code /live} and {@code /ready} with {@code checks}. */
  public static void install(JavalinConfig config, Clock clock, List<Check> checks) {
    Readiness readiness = new Readiness(checks, clock);
    config.routes.get("/live", ctx -> ctx.json(Map.of("status", "live")));
    config.routes.get("/ready", readiness::ready);
  }

  private void ready(Context ctx) throws InterruptedException {
    List<Future<Map<String, Object>>> running = new ArrayList<>();
    for (Check check : checks) {
      running.add(runner.submit(() -> run(check)));
    }
    Map<String, Object> results = new LinkedHashMap<>();
    boolean ready = true;
    long deadline = System.nanoTime() + CHECK_LIMIT.toNanos();
    for (int i = 0; i < checks.size(); i++) {
      Check check = checks.get(i);
      Map<String, Object> result;
      try {
        result =
            running.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        running.get(i).cancel(true);
        result = failed("no answer within " + CHECK_LIMIT.toSeconds() + " s");
      } catch (ExecutionException e) {
        result = failed(String.valueOf(e.getCause()));
      }
      ready &= Boolean.TRUE.equals(result.get("ok"));
      results.put(check.name(), result);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "ready" : "not ready");
    body.put("checks", results);
    ctx.status(ready ? 200 : 503).json(body);
  }

  private Map<String, Object> run(Check check) {
    Result kept = check.last;
    Instant now = clock.instant();
    if (kept != null && now.isBefore(kept.at().plus(check.keep))) {
      return kept.body();
    }
    Map<String, Object> body;
    try {
      body = new LinkedHashMap<>();
      body.put("ok", true);
      body.putAll(check.probe.probe());
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (kept == null || Boolean.TRUE.equals(kept.body().get("ok"))) {
        LOG.warn("not ready: {}: {}", check.name(), why);
      }
      body = failed(why);
    }
    check.last = new Result(body, now);
    return body;
  }

  private static Map<String, Object> failed(String why) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", false);
    body.put("error", why);
    return body;
  }
}
