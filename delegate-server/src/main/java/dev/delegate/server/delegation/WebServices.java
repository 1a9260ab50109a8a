package dev.delegate.server.delegation;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.StuckJobs;
import dev.delegate.core.node.NodeStore;
import dev.delegate.core.task.TaskStore;
import dev.delegate.server.config.ServerConfig;
import java.time.Clock;
import java.util.Optional;

/**
 * What the API port's routes work with, handed to every {@link RouteInstaller}.
 *
 * @param pool the worker pool when it runs in this process (for live views), else empty
 * @param delegation turns a request into a branch, TASK.md, a pull request and a queued job
 * @param nodes the nodes sharing the store (where other nodes' live views are relayed from)
 * @param nodeId this node's id among them
 * @param stuck the jobs found in one state past its limit
 */
public record WebServices(
    ServerConfig config,
    TaskStore tasks,
    JobStore jobs,
    Forge forge,
    Optional<WorkerPool> pool,
    Delegation delegation,
    Clock clock,
    NodeStore nodes,
    String nodeId,
    StuckJobs stuck) {}
