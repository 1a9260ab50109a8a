package dev.delegate.server.node;

import dev.delegate.core.agent.AgentPool;
import dev.delegate.core.agent.WorkerSnapshot;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobStore;
import dev.delegate.server.http.Readiness.Check;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code /ready} looks at on a node, by role (docs/operations.md, "Health"). */
public final class NodeChecks {
  /** How long the forge's answer is kept: a probe every few seconds spends no rate limit. */
  public static final Duration FORGE_KEPT = Duration.ofSeconds(15);

  private NodeChecks() {}

  /** The store answers a query. */
  public static Check store(JobStore jobs) {
    return Check.of(
        "store",
        () -> {
          jobs.lastEventSequence();
          return Map.of();
        });
  }

  /** At least one session of the pool is ready for a job. */
  public static Check pool(AgentPool pool) {
    return Check.of(
        "pool",
        () -> {
          List<WorkerSnapshot> workers = pool.snapshot().workers();
          long ready = workers.stream().filter(WorkerSnapshot::ready).count();
          if (ready == 0) {
            Map<String, Long> states = new TreeMap<>();
            workers.forEach(w -> states.merge(w.state(), 1L, Long::sum));
            throw new IllegalStateException(
                "no session is ready (" + describe(states) + " of " + workers.size() + ")");
          }
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("ready", ready);
          details.put("workers", workers.size());
          return details;
        });
  }

  /**
   * The forge answers for the default repository (a branch read; whether the branch exists does not
   * matter).
   */
  public static Check forge(Forge forge, RepoRef repo) {
    return Check.cached(
        "forge",
        FORGE_KEPT,
        () -> {
          forge.branchHead(repo, "main");
          return Map.of("repository", repo.toString());
        });
  }

  private static String describe(Map<String, Long> states) {
    StringBuilder text = new StringBuilder();
    states.forEach(
        (state, count) ->
            text.append(text.isEmpty() ? "" : ", ")
                .append(count)
                .append(' ')
                .append(state.toLowerCase(java.util.Locale.ROOT)));
    return text.toString();
  }
}
