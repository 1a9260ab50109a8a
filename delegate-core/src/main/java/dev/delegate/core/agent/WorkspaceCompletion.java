package dev.delegate.core.agent;

import java.nio.file.Path;

/**
 * Finishes with the directory a worker's agent ran in, right after the turn ended and before the
 * worker takes another turn: for example committing the agent's changes. The directory belongs to
 * the turn until this returns; whatever runs afterwards (a push, a comment) must not touch it. Not
 * run while the worker keeps a conversation open for an answer.
 */
@FunctionalInterface
public interface WorkspaceCompletion {
  WorkspaceCompletion NONE = (directory, turn) -> {};

  /**
   * @param turn how the turn ended; a failure thrown here turns it into a {@link
   *     TurnOutcome#FAILED} result whose reason names it
   */
  void complete(Path workerDirectory, TurnResult turn) throws Exception;
}
