package dev.delegate.core.agent;

import java.nio.file.Path;

/**
 * Prepares the directory a worker's agent runs in, right before a turn: for example resetting the
 * worker's git worktree to the job's branch. The agent session stays warm; only the files change.
 */
@FunctionalInterface
public interface WorkspacePreparation {
  WorkspacePreparation NONE = directory -> {};

  void prepare(Path workerDirectory) throws Exception;
}
