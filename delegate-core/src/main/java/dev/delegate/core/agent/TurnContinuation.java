package dev.delegate.core.agent;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides, after a turn the agent completed, whether the same session takes another prompt before
 * the turn's {@link WorkspaceCompletion} runs: for example asking the agent to judge or fix its
 * work. The worker still holds the session and the directory while this runs, so it may also
 * inspect or run things in the directory.
 *
 * <p>A further turn runs with the request's timeout and budget and is written to the same
 * transcript; its result is handed to the next call. It cannot ask a person: a question it ends
 * with is taken as its answer (the agent is interrupted at it before anything else is typed). The
 * request's result is the turns together: the last turn's outcome, every turn's output, approvals,
 * time and usage. Only a {@link TurnOutcome#COMPLETED} turn is continued; any other outcome ends
 * the chain as it is.
 */
@FunctionalInterface
public interface TurnContinuation {
  TurnContinuation NONE = (directory, turn) -> Optional.empty();

  /**
   * @param workerDirectory the directory the agent works in
   * @param turn the turn that just completed, alone (not the turns before it)
   * @return the next prompt for the same session, or empty to finish; a failure thrown here fails
   *     the request with its reason (the session itself is fine)
   */
  Optional<String> next(Path workerDirectory, TurnResult turn) throws Exception;
}
