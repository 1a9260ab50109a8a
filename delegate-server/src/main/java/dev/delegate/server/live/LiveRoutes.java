package dev.delegate.server.live;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.StuckJobs;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.Sse;
import io.javalin.config.JavalinConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The live views of a node's pool, and of the other nodes' pools relayed (docs/api.md, "Live"):
 * installed on the API port, and on a worker node's processor port (its registered address), where
 * API nodes relay them from.
 */
public final class LiveRoutes {
  private final Sse.Hub hub = new Sse.Hub();
  private final JobStore jobs;
  private final Optional<WorkerPool> pool;
  private final Path dataDirectory;
  private final Relay relay;

  /**
   * @param pool the worker pool when it runs in this process
   * @param dataDirectory the pool's data directory (its {@code transcripts/})
   */
  public LiveRoutes(JobStore jobs, Optional<WorkerPool> pool, Path dataDirectory, Relay relay) {
    this.jobs = jobs;
    this.pool = pool;
    this.dataDirectory = dataDirectory;
    this.relay = relay;
  }

  /**
   * {@code GET /api/jobs/{id}/terminal} and {@code GET /api/workers/events}; the streams end when
   * the server stops.
   */
  public void install(JavalinConfig config) {
    config.events.serverStopping(hub::closeAll);
    TerminalStream terminal =
        new TerminalStream(
            hub,
            jobs,
            pool.map(WorkerPool::terminalFeed),
            dataDirectory.resolve("transcripts"),
            relay);
    config.routes.get("/api/jobs/{id}/terminal", terminal::handle);
    config.routes.get(
        "/api/workers/events",
        ctx -> {
          WorkerPool here =
              pool.orElseThrow(
                  () ->
                      new ApiException(
                          404,
                          "pool_not_here",
                          "the worker pool does not run in this process; see /api/nodes/workers"));
          new WorkerEventsStream(hub, here, here.profile().displayName()).handle(ctx);
        });
  }

  /** {@code GET /api/nodes/workers} and its stream: every node's workers (the API port's). */
  public void installNodeWorkers(JavalinConfig config, StuckJobs stuck) {
    NodeWorkers workers = new NodeWorkers(hub, relay, pool, stuck);
    config.routes.get("/api/nodes/workers", workers::list);
    config.routes.get("/api/nodes/workers/events", workers::stream);
  }
}
