package dev.delegate.server.pool;

import dev.delegate.agent.pool.PoolConfig;
import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.ApprovalRecord;
import dev.delegate.core.agent.PoolSnapshot;
import dev.delegate.core.agent.TurnRequest;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.agent.WorkerSnapshot;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.JsonBody;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The worker pool's HTTP API, field for field the seed's: {@code GET /health} and {@code POST
 * /execute}. Fields the seed did not have are only ever added.
 */
public final class PoolApi {
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final AgentPool pool;
  private final long maxTimeoutMs;

  public PoolApi(AgentPool pool, Duration maxTimeout) {
    this.pool = pool;
    this.maxTimeoutMs = maxTimeout.toMillis();
  }

  public void routes(JavalinConfig config) {
    config.routes.get("/health", this::health);
    config.routes.post("/execute", this::execute);
  }

  private void health(Context ctx) {
    ctx.json(health(pool.snapshot()));
  }

  /** The {@code /health} body for a snapshot. */
  public static Map<String, Object> health(PoolSnapshot snapshot) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "running");
    body.put("workers", snapshot.workers().stream().map(PoolApi::worker).toList());
    body.put("queued", snapshot.queued());
    body.put("uptime", seconds(snapshot.uptime()));
    return body;
  }

  private static Map<String, Object> worker(WorkerSnapshot w) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", w.id());
    body.put("busy", w.busy());
    body.put("ready", w.ready());
    body.put("currentTask", w.currentTask().orElse(null));
    body.put("idle", w.idle().toSeconds());
    body.put("restarts", w.restarts());
    body.put("state", w.state());
    body.put("turns", w.turns());
    body.put("jobId", w.jobId().orElse(null));
    body.put("driver", w.driver());
    body.put("lastRestart", w.lastRestart().orElse(null));
    return body;
  }

  private void execute(Context ctx) {
    JsonBody body = JsonBody.of(ctx);
    String prompt = body.requiredText("prompt");
    long timeoutMs =
        body.optionalLong("timeoutMs", 1, maxTimeoutMs)
            .orElse(Math.min(PoolConfig.DEFAULT_TIMEOUT.toMillis(), maxTimeoutMs));
    String jobId = body.optionalText("jobId").orElseGet(() -> "exec-" + UUID.randomUUID());
    if (!JOB_ID.matcher(jobId).matches()) {
      throw ApiException.badRequest(
          "invalid_jobId", "'jobId' may hold only letters, digits, '.', '_' and '-' (1 to 100)");
    }
    CompletableFuture<TurnResult> result =
        pool.submit(new TurnRequest(jobId, prompt, Duration.ofMillis(timeoutMs)));
    ctx.future(() -> result.thenAccept(r -> answer(ctx, r)));
  }

  private static void answer(Context ctx, TurnResult r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", r.success());
    body.put("output", r.output());
    body.put("timeout", r.timedOut());
    body.put("jobId", r.jobId());
    body.put("workerId", r.workerId());
    body.put("durationMs", r.duration().toMillis());
    body.put("outcome", r.outcome().name());
    body.put("approvals", approvals(r.approvals()));
    body.put("needsInput", r.question().isPresent());
    body.put("question", r.question().orElse(null));
    body.put("transcript", r.transcript().toString());
    if (!r.usage().isEmpty()) {
      body.put("usage", usage(r.usage()));
    }
    r.failure().ifPresent(f -> body.put("error", Map.of("code", "agent_failed", "message", f)));
    ctx.status(r.success() ? 200 : 502).json(body);
  }

  /** The parts of a turn's usage the agent reported. */
  public static Map<String, Object> usage(Usage usage) {
    Map<String, Object> body = new LinkedHashMap<>();
    usage.inputTokens().ifPresent(n -> body.put("inputTokens", n));
    usage.outputTokens().ifPresent(n -> body.put("outputTokens", n));
    usage.costUsd().ifPresent(c -> body.put("costUsd", c));
    usage.credits().ifPresent(c -> body.put("credits", c));
    return body;
  }

  private static List<Map<String, Object>> approvals(List<ApprovalRecord> records) {
    return records.stream()
        .map(
            a -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("at", a.at().toString());
              m.put("tool", a.tool().orElse(null));
              m.put("kind", a.kind().label());
              m.put("command", a.command().orElse(null));
              m.put("path", a.path().orElse(null));
              m.put("prompt", a.promptText());
              m.put("decision", a.verdict().name().toLowerCase(java.util.Locale.ROOT));
              m.put("reason", a.reason());
              return m;
            })
        .toList();
  }

  private static double seconds(Duration d) {
    return Math.round(d.toMillis() / 10.0) / 100.0;
  }
}
