package dev.delegate.server.delegation;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.followup.PullRequestLoop;
import dev.delegate.server.forge.GitHttpRoutes;
import dev.delegate.server.http.Access;
import dev.delegate.server.http.Http;
import dev.delegate.server.http.Readiness;
import dev.delegate.server.metrics.MetricsRoute;
import dev.delegate.server.node.Node;
import dev.delegate.server.node.NodeChecks;
import dev.delegate.server.processor.JobRoutes;
import dev.delegate.server.processor.ProcessorHooks;
import dev.delegate.server.webhook.WebhookRoutes;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The delegation API role (the seed's Lambda), on {@code --api-port} (8080): {@code POST
 * /api/delegate/personal} and the read endpoints of docs/api.md.
 *
 * <p>With the local forge ({@link LocalForge}) the same port serves its repositories over git's
 * smart HTTP ({@link GitHttpRoutes}), so worker nodes on other machines fetch and push there.
 *
 * <p>More routes on the same server: pass {@link RouteInstaller}s to {@link #start}; each gets the
 * server's {@code JavalinConfig} and the role's {@link WebServices} (task store, job store, forge,
 * the in-process worker pool if any, and the {@link Delegation} itself). {@code Roles.webRoutes()}
 * is the one list {@code delegate serve} and {@code delegate demo} mount, e.g. the web UI's pages.
 * Errors thrown by any route get the JSON error body of {@link Http}.
 */
public final class ApiRole implements AutoCloseable {
  private final Javalin http;
  private final WebServices services;
  private final UnfinishedDelegations unfinished;
  private final PullRequestLoop loop;

  private ApiRole(
      Javalin http, WebServices services, UnfinishedDelegations unfinished, PullRequestLoop loop) {
    this.http = http;
    this.services = services;
    this.unfinished = unfinished;
    this.loop = loop;
  }

  /**
   * Starts the API on a node's store and forge.
   *
   * @param hooks what the in-process processor is told ({@link ProcessorHooks#NONE} when none runs
   *     here)
   * @param agentName the agent named in TASK.md's status line
   */
  public static ApiRole start(
      ServerConfig config,
      Node node,
      Optional<WorkerPool> pool,
      ProcessorHooks hooks,
      String agentName,
      List<RouteInstaller> extraRoutes) {
    Delegation delegation =
        new Delegation(
            node.tasks(),
            node.forge(),
            node.clock(),
            hooks.wake(),
            config.defaultRepo(),
            agentName);
    WebServices services =
        new WebServices(
            config,
            node.tasks(),
            node.jobs(),
            node.forge(),
            pool,
            delegation,
            node.clock(),
            node.nodes(),
            node.id(),
            node.stuck());
    DelegationApi api = new DelegationApi(services);
    NodesApi nodes = new NodesApi(node.nodes(), node.clock());
    JobRoutes jobRoutes =
        new JobRoutes(
            node.jobs(),
            Optional.of(node.tasks()),
            node.forge(),
            agentName,
            hooks,
            node.clock(),
            config.defaultRepo(),
            config.processor().defaultOwner());
    WebhookRoutes webhooks =
        new WebhookRoutes(
            node.webhooks(), config.webhooks().retry(), node.clock(), node::wakeWebhooks);
    // the local forge's repositories, for worker nodes elsewhere (--forge-url) and people
    Optional<GitHttpRoutes> git =
        node.forge() instanceof LocalForge local
            ? Optional.of(new GitHttpRoutes(local))
            : Optional.empty();
    // review comments, failed checks and local comments back to the agent
    PullRequestLoop loop = PullRequestLoop.start(config, node, hooks.wake());
    Javalin http =
        Http.start(
            "delegation API",
            config.bind(),
            config.apiPort(),
            config
                .token()
                .map(t -> Access.withSignIn(t, node.clock()).withGitPaths(GitHttpRoutes.PREFIX)),
            javalin -> {
              MetricsRoute.install(javalin, node.metrics(), config);
              api.routes(javalin);
              git.ifPresent(routes -> routes.routes(javalin));
              nodes.routes(javalin);
              jobRoutes.install(javalin);
              webhooks.install(javalin);
              loop.routes(javalin);
              extraRoutes.forEach(installer -> installer.install(javalin, services));
              List<Readiness.Check> checks = new ArrayList<>();
              checks.add(NodeChecks.store(node.jobs()));
              pool.ifPresent(p -> checks.add(NodeChecks.pool(p)));
              checks.add(NodeChecks.forge(node.forge(), config.defaultRepo()));
              Readiness.install(javalin, node.clock(), checks);
            });
    UnfinishedDelegations unfinished =
        new UnfinishedDelegations(
                node.tasks(), delegation, node.clock(), config.finishDelegationsAfter())
            .start();
    return new ApiRole(http, services, unfinished, loop);
  }

  public int port() {
    return http.port();
  }

  public WebServices services() {
    return services;
  }

  /** The pull-request loop: its sweep, for tests that do not wait for the next one. */
  public PullRequestLoop loop() {
    return loop;
  }

  @Override
  public void close() {
    loop.close();
    unfinished.close();
    http.stop();
  }
}
