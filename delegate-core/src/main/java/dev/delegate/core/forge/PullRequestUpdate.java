package dev.delegate.core.forge;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to a pull request: a new body, closing it, or both (GitHub's {@code PATCH
 * /repos/{owner}/{repo}/pulls/{pull_number}}).
 */
public record PullRequestUpdate(Optional<String> body, boolean close) {
  public PullRequestUpdate {
    Objects.requireNonNull(body, "body");
  }

  public static PullRequestUpdate body(String body) {
    return new PullRequestUpdate(Optional.of(Objects.requireNonNull(body, "body")), false);
  }

  public static PullRequestUpdate closing() {
    return new PullRequestUpdate(Optional.empty(), true);
  }

  /** This update, also with {@code body}. */
  public PullRequestUpdate withBody(String body) {
    return new PullRequestUpdate(Optional.of(Objects.requireNonNull(body, "body")), close);
  }
}
