package dev.delegate.server.processor;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobProcessor;
import dev.delegate.core.job.JobServices;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.core.job.ProcessorNode;
import dev.delegate.git.workspace.GitWorkspaces;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.http.Access;
import dev.delegate.server.http.Http;
import dev.delegate.server.http.Readiness;
import dev.delegate.server.live.LiveRoutes;
import dev.delegate.server.live.Relay;
import dev.delegate.server.metrics.MetricsRoute;
import dev.delegate.server.node.Node;
import dev.delegate.server.node.NodeChecks;
import io.javalin.Javalin;
import java.util.List;
import java.util.Optional;

/**
 * The PR processor role: the job processor that feeds this process's worker pool from the store,
 * the git workspaces, and the processor's HTTP API, with the pool's live views ({@link LiveRoutes})
 * that API nodes relay. The store and the forge come from a {@link Node} it shares with the other
 * roles of the process.
 */
public final class ProcessorRole implements AutoCloseable {
  public static final RepoRef SAMPLE_REPO = Node.SAMPLE_REPO;

  private final Node node;
  private final Optional<Node> ownNode;
  private final JobProcessor processor;
  private final Javalin http;
  private final WorkerPool pool;
  private final java.time.Duration shutdownGrace;
  private final ObservableJobStore.Subscription wakeUps;

  private ProcessorRole(
      Node node,
      Optional<Node> ownNode,
      JobProcessor processor,
      ObservableJobStore.Subscription wakeUps,
      Javalin http,
      WorkerPool pool,
      java.time.Duration shutdownGrace) {
    this.shutdownGrace = shutdownGrace;
    this.wakeUps = wakeUps;
    this.node = node;
    this.ownNode = ownNode;
    this.processor = processor;
    this.http = http;
    this.pool = pool;
  }

  /** Starts the role on its own store and forge, closed with it. */
  public static ProcessorRole start(ServerConfig config, WorkerPool pool) {
    Node node = Node.open(config);
    try {
      return start(config, pool, node, Optional.of(node));
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /** Starts the role on a shared node, which the caller closes after this role. */
  public static ProcessorRole start(ServerConfig config, WorkerPool pool, Node node) {
    return start(config, pool, node, Optional.empty());
  }

  private static ProcessorRole start(
      ServerConfig config, WorkerPool pool, Node node, Optional<Node> ownNode) {
    JobProcessor processor =
        new JobProcessor(
                new JobServices(
                    new ProcessorNode(
                        node.id(), config.poolConfig().workers(), pool.profile().displayName()),
                    config.processor().settings(),
                    node.jobs(),
                    node.forge(),
                    new GitWorkspaces(config.dataDirectory(), node.git()),
                    pool,
                    node.clock()))
            .start();
    // A job queued by any node (an API node, on a shared PostgreSQL) or a gap in the change feed
    // wakes this node's dispatcher at once; the dispatcher's tick is only the safety net.
    ObservableJobStore.Subscription wakeUps =
        node.jobs()
            .subscribe(
                new ObservableJobStore.Listener() {
                  @Override
                  public void changed(ObservableJobStore.StateChange change) {
                    if (change.state() == JobState.QUEUED) {
                      processor.wake();
                    }
                  }

                  @Override
                  public void missed() {
                    processor.wake();
                  }
                });
    try {
      ProcessorApi api =
          new ProcessorApi(
              node.jobs(),
              node.tasks(),
              node.forge(),
              hooks(processor),
              pool.profile().displayName(),
              node.clock(),
              config.defaultRepo(),
              config.processor().defaultOwner());
      // The terminal and the workers of this node, for API nodes to relay (its registered address).
      LiveRoutes live =
          new LiveRoutes(
              node.jobs(),
              Optional.of(pool),
              config.poolConfig().dataDirectory(),
              new Relay(node.nodes(), node.id(), config.token(), node.clock()));
      Javalin http =
          Http.start(
              "PR processor",
              config.bind(),
              config.processorPort(),
              config.token().map(Access::bearerOnly),
              javalin -> {
                MetricsRoute.install(javalin, node.metrics(), config);
                api.routes(javalin);
                live.install(javalin);
                Readiness.install(
                    javalin,
                    node.clock(),
                    List.of(
                        NodeChecks.store(node.jobs()),
                        NodeChecks.pool(pool),
                        NodeChecks.forge(node.forge(), config.defaultRepo())));
              });
      return new ProcessorRole(
          node, ownNode, processor, wakeUps, http, pool, config.processor().shutdownGrace());
    } catch (RuntimeException e) {
      wakeUps.close();
      processor.close();
      throw e;
    }
  }

  public int port() {
    return http.port();
  }

  public Forge forge() {
    return node.forge();
  }

  /** What the job routes of this process tell the processor, so it acts at once. */
  public ProcessorHooks hooks() {
    return hooks(processor);
  }

  private static ProcessorHooks hooks(JobProcessor processor) {
    return new ProcessorHooks(processor::wake, processor::inputArrived, processor::cancelRequested);
  }

  /**
   * Drains the node: stops taking requests and claiming jobs, lets running jobs finish within the
   * shutdown grace, then closes the pool (turns still running end, and their jobs go back to the
   * queue without using an attempt, while the store is still open), waits for the jobs to record
   * that, then closes the store if it is this role's own.
   */
  @Override
  public void close() {
    wakeUps.close();
    http.stop();
    processor.shutdown(shutdownGrace, pool::close);
    pool.close();
    ownNode.ifPresent(Node::close);
  }
}
