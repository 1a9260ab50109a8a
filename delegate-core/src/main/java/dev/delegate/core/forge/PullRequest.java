package dev.delegate.core.forge;

import java.util.Objects;

/**
 * A pull request as a forge reports it.
 *
 * @param state {@code open} or {@code closed}
 * @param url where a person opens it (a web page for GitHub, a local address for the local forge)
 */
public record PullRequest(
    RepoRef repo,
    int number,
    String title,
    String body,
    String base,
    String head,
    String state,
    String url) {
  public PullRequest {
    Objects.requireNonNull(repo, "repo");
    if (number < 1) {
      throw new IllegalArgumentException("pull request numbers start at 1, was " + number);
    }
  }
}
