package dev.delegate.core.workspace;

import java.util.Objects;
import java.util.Optional;

/**
 * How far a rebase got: finished, with the branch's new head, or stopped at a commit that
 * conflicts.
 *
 * @param head the commit the rebased branch ends at, once finished; while stopped, the commit the
 *     rebase has reached
 */
public record RebaseStep(String head, Optional<RebaseStop> stop) {
  public RebaseStep {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(stop, "stop");
  }

  public static RebaseStep finished(String head) {
    return new RebaseStep(head, Optional.empty());
  }

  public boolean isFinished() {
    return stop.isEmpty();
  }
}
