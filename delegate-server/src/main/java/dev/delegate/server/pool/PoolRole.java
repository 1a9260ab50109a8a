package dev.delegate.server.pool;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.http.Access;
import dev.delegate.server.http.Http;
import dev.delegate.server.http.Readiness;
import dev.delegate.server.metrics.MetricsRoute;
import dev.delegate.server.metrics.NodeMetrics;
import dev.delegate.server.node.NodeChecks;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The worker pool role: the pool itself and, when asked, its HTTP API. */
public final class PoolRole implements AutoCloseable {
  private final WorkerPool pool;
  private final NodeMetrics metrics;
  private final boolean ownMetrics;
  private Javalin http;

  private PoolRole(WorkerPool pool, NodeMetrics metrics, boolean ownMetrics) {
    this.pool = pool;
    this.metrics = metrics;
    this.ownMetrics = ownMetrics;
  }

  /**
   * Starts the pool's sessions (without waiting for them to be ready), once the agent CLI's version
   * is one its profile was tested with.
   *
   * @throws dev.delegate.server.config.ConfigException when it is not, unless allowed
   */
  public static PoolRole start(ServerConfig config) {
    NodeMetrics metrics = NodeMetrics.create();
    try {
      return start(config, metrics, true);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  /** The same, the pool watched by the process's {@code metrics}. */
  public static PoolRole start(ServerConfig config, NodeMetrics metrics) {
    return start(config, metrics, false);
  }

  private static PoolRole start(ServerConfig config, NodeMetrics metrics, boolean ownMetrics) {
    ProfileCatalog catalog = ProfileCatalog.load(Optional.of(config.profilesDirectory()));
    AgentProfile profile = catalog.get(config.agent(), ProfileVariables.forThisJvm());
    ApprovalPolicy policy = config.approvalPolicy();
    SessionContext context =
        new SessionContext(
            policy,
            Clock.systemUTC(),
            SessionContext.agentEnvironment(),
            SessionContext.DEFAULT_MAX_OUTPUT_CHARS);
    AgentVersionGate.check(profile, context, config.allowUntestedAgent());
    WorkerPool pool = new WorkerPool(config.poolConfig(), profile, context);
    var unused = metrics.watch(pool); // as long as the pool lives
    return new PoolRole(pool.start(), metrics, ownMetrics);
  }

  /** Serves {@code /health} and {@code /execute} on the configured address. */
  public PoolRole serve(ServerConfig config) {
    PoolApi api = new PoolApi(pool, config.poolConfig().maxTimeout());
    http =
        Http.start(
            "worker pool",
            config.bind(),
            config.poolPort(),
            config.token().map(Access::bearerOnly),
            javalin -> {
              MetricsRoute.install(javalin, metrics, config);
              api.routes(javalin);
              Readiness.install(
                  javalin, java.time.Clock.systemUTC(), List.of(NodeChecks.pool(pool)));
            });
    return this;
  }

  public WorkerPool pool() {
    return pool;
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    if (http != null) {
      http.stop();
    }
    pool.close();
    if (ownMetrics) {
      metrics.close();
    }
  }
}
