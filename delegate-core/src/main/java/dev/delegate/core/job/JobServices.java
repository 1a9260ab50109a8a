package dev.delegate.core.job;

import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.workspace.Workspaces;
import java.time.Clock;

/** What the PR processor works with: its node, its settings and the ports it drives. */
public record JobServices(
    ProcessorNode node,
    ProcessorSettings settings,
    JobStore store,
    Forge forge,
    Workspaces workspaces,
    AgentPool pool,
    Clock clock) {}
