package dev.delegate.server.metrics;

import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What every HTTP server of a process gets: {@code GET /metrics}, and each request timed in {@code
 * delegate_http_server_requests_seconds{method,route,status}} by its route's template ({@code
 * /api/jobs/{id}}, never the path itself; {@code unmatched} for paths no route serves).
 *
 * <p>{@code /metrics} checks its own tokens ({@code Access} leaves it alone): with {@code --token}
 * or {@code --metrics-token} set it needs {@code Authorization: Bearer} with either, else it is
 * open like the rest of the server.
 */
public final class MetricsRoute {
  public static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final NodeMetrics metrics;
  private final List<byte[]> accepted;

  private MetricsRoute(NodeMetrics metrics, List<byte[]> accepted) {
    this.metrics = metrics;
    this.accepted = accepted;
  }

  /**
   * Installs {@code /metrics} and the request timer on a server of a node run with {@code config}.
   */
  public static void install(JavalinConfig javalin, NodeMetrics metrics, ServerConfig config) {
    List<byte[]> accepted =
        Stream.of(config.token(), config.metricsToken())
            .flatMap(Optional::stream)
            .map(token -> ("Bearer " + token).getBytes(StandardCharsets.UTF_8))
            .toList();
    MetricsRoute route = new MetricsRoute(metrics, accepted);
    javalin.requestLogger.http(route::timed);
    javalin.routes.get(PATH, route::serve);
  }

  private void serve(Context ctx) {
    if (!accepted.isEmpty()) {
      byte[] given =
          Optional.ofNullable(ctx.header("Authorization"))
              .orElse("")
              .getBytes(StandardCharsets.UTF_8);
      if (accepted.stream().noneMatch(token -> MessageDigest.isEqual(token, given))) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"Delegate metrics\"");
        throw new ApiException(
            401, "unauthorized", "/metrics needs the --token or the --metrics-token as a bearer");
      }
    }
    ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
  }

  private void timed(Context ctx, Float millis) {
    Timer.builder("delegate.http.server.requests")
        .description("HTTP requests by route template and status")
        .tag("method", ctx.method().name())
        .tag("route", route(ctx))
        .tag("status", String.valueOf(ctx.statusCode()))
        .serviceLevelObjectives(NodeMetrics.FAST_BUCKETS)
        .register(metrics.registry())
        .record(Duration.ofNanos((long) (millis * 1_000_000L)));
  }

  /** The matched route's template; {@code unmatched} when no route served the path. */
  private static String route(Context ctx) {
    try {
      Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
      return endpoint == null ? "unmatched" : endpoint.path;
    } catch (RuntimeException none) {
      return "unmatched";
    }
  }
}
