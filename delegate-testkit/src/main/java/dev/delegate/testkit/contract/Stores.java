package dev.delegate.testkit.contract;

import dev.delegate.core.forge.PullRequestStore;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.task.TaskStore;
import java.util.Objects;

/**
 * The stores of one engine a contract runs on, opened empty for one test.
 *
 * @param tasks null for an engine without a task store (the task contract does not run on it)
 * @param close releases the engine (a database's connections); runs after each test
 */
public record Stores(
    JobStore jobs, TaskStore tasks, PullRequestStore pullRequests, AutoCloseable close) {
  public Stores {
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(pullRequests, "pullRequests");
    Objects.requireNonNull(close, "close");
  }
}
