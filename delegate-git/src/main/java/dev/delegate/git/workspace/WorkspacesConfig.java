package dev.delegate.git.workspace;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link GitWorkspaces}.
 *
 * @param staleLockAge a git lock file in a cache clone older than this is left over from a crash
 *     and is removed (lock files in a worker's own worktree are always removed before a job)
 * @param pushAttempts how often a push that lost a race with another pusher is rebased and tried
 *     again
 * @param trailerScanDepth how many commits of a branch {@link GitWorkspaces#findCommitWithTrailer}
 *     looks at
 */
public record WorkspacesConfig(Duration staleLockAge, int pushAttempts, int trailerScanDepth) {
  public static final Duration DEFAULT_STALE_LOCK_AGE = Duration.ofMinutes(10);
  public static final int DEFAULT_PUSH_ATTEMPTS = 3;
  public static final int DEFAULT_TRAILER_SCAN_DEPTH = 500;
  public static final WorkspacesConfig DEFAULT =
      new WorkspacesConfig(
          DEFAULT_STALE_LOCK_AGE, DEFAULT_PUSH_ATTEMPTS, DEFAULT_TRAILER_SCAN_DEPTH);

  public WorkspacesConfig {
    Objects.requireNonNull(staleLockAge, "staleLockAge");
    if (staleLockAge.isNegative()) {
      throw new IllegalArgumentException("staleLockAge must not be negative");
    }
    if (pushAttempts < 1) {
      throw new IllegalArgumentException("pushAttempts must be at least 1, was " + pushAttempts);
    }
    if (trailerScanDepth < 1) {
      throw new IllegalArgumentException("trailerScanDepth must be at least 1");
    }
  }

  public WorkspacesConfig withStaleLockAge(Duration value) {
    return new WorkspacesConfig(value, pushAttempts, trailerScanDepth);
  }
}
