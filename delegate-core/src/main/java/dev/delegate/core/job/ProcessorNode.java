package dev.delegate.core.job;

import dev.delegate.core.SettingChecks;

/**
 * The node a {@link JobProcessor} runs on: facts of the running process rather than settings.
 *
 * @param nodeId names this node in leases; unique among the nodes sharing a store
 * @param concurrency how many jobs this node runs at once (its pool's worker count)
 * @param agentName how commits and comments name the agent, e.g. "Kiro CLI"
 */
public record ProcessorNode(String nodeId, int concurrency, String agentName) {
  public ProcessorNode {
    SettingChecks.notBlank("nodeId", nodeId);
    SettingChecks.atLeast("concurrency", concurrency, 1);
    SettingChecks.notBlank("agentName", agentName);
  }
}
