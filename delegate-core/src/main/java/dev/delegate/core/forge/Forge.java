package dev.delegate.core.forge;

import java.util.List;
import java.util.Optional;

/**
 * Where branches and pull requests live. Adapters: {@code LocalForge} (bare repositories on disk,
 * pull-request records in the store; the embedded default) and {@code GitHubForge} (the REST API).
 * Both pass one contract test.
 *
 * <p>Failures: {@code PermanentException} for what retrying cannot fix (unknown repository, a
 * branch that already exists, validation errors), {@code TransientException} for what it may
 * (network, rate limits that outlast the bounded wait, 5xx).
 */
public interface Forge {

  /** The commit a branch points at, if the branch exists. */
  Optional<String> branchHead(RepoRef repo, String branch);

  /** Creates {@code branch} at the head of {@code fromBranch}. */
  void createBranch(RepoRef repo, String branch, String fromBranch);

  /** Creates or replaces one file on a branch as a new commit; returns the commit's sha. */
  String putFile(RepoRef repo, String branch, String path, String content, String message);

  /** A file's text on a branch; empty when the branch or the file does not exist. */
  Optional<String> readFile(RepoRef repo, String branch, String path);

  /** Deletes a branch; nothing happens when it does not exist. */
  void deleteBranch(RepoRef repo, String branch);

  PullRequest createPullRequest(RepoRef repo, String title, String body, String head, String base);

  Optional<PullRequest> pullRequest(RepoRef repo, int number);

  /** The open pull request from {@code head}, if there is one (the oldest, if several). */
  Optional<PullRequest> openPullRequest(RepoRef repo, String head);

  /** Replaces a pull request's body and/or closes it; returns it as it is now. */
  PullRequest updatePullRequest(RepoRef repo, int number, PullRequestUpdate update);

  /** Adds a comment to a pull request's conversation. */
  void comment(RepoRef repo, int number, String body);

  /** The comments of a pull request, oldest first. */
  List<String> comments(RepoRef repo, int number);

  /**
   * The open pull requests of {@code repo}; empty when the forge cannot list them cheaply (then a
   * moved base is noticed on a pull request's own events).
   */
  default List<PullRequest> openPullRequests(RepoRef repo) {
    return List.of();
  }

  /**
   * Whether pull request {@code number} still merges into its base without a conflict; empty when
   * the forge does not know (yet).
   */
  default Optional<Boolean> merges(RepoRef repo, int number) {
    return Optional.empty();
  }

  /** Where git fetches from and pushes to. */
  GitRemote remote(RepoRef repo);
}
