package dev.delegate.core.forge;

import java.util.List;
import java.util.Optional;

/**
 * Pull-request records for forges that keep them themselves (the local forge). Numbers count from 1
 * per repository, like GitHub's.
 */
public interface PullRequestStore {

  /** Stores a new pull request with the repository's next number. */
  PullRequest create(
      RepoRef repo, String title, String body, String head, String base, String urlPrefix);

  Optional<PullRequest> find(RepoRef repo, int number);

  /** The open pull request from {@code head} into {@code base}, if there is one. */
  Optional<PullRequest> findOpen(RepoRef repo, String head, String base);

  /** The oldest open pull request from {@code head}, into any base. */
  Optional<PullRequest> findOpenFrom(RepoRef repo, String head);

  /**
   * Replaces the body (when given) and/or closes pull request {@code number}; empty when it does
   * not exist.
   */
  Optional<PullRequest> update(RepoRef repo, int number, PullRequestUpdate update);

  List<PullRequest> list(RepoRef repo);

  void addComment(RepoRef repo, int number, String body);

  List<String> comments(RepoRef repo, int number);
}
