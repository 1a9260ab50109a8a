package dev.delegate.core.workspace;

import java.util.List;
import java.util.Objects;

/**
 * Where a rebase stopped: one of the branch's commits does not apply to the new base.
 *
 * @param commit the branch's commit being replayed
 * @param subject its message's first line
 * @param conflicts the paths git could not merge, as git names them
 * @param baseCommits the base's commits since the branch forked that touch those paths ({@code
 *     <short sha> <subject>}, newest first, at most ten): what the other side meant
 */
public record RebaseStop(
    String commit, String subject, List<String> conflicts, List<String> baseCommits) {
  public RebaseStop {
    Objects.requireNonNull(commit, "commit");
    subject = subject == null ? "" : subject;
    conflicts = List.copyOf(conflicts);
    baseCommits = List.copyOf(baseCommits);
  }
}
