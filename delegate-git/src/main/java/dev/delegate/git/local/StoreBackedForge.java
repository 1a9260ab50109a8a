package dev.delegate.git.local;

import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestUpdate;
import dev.delegate.core.forge.RepoRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What both local forges share: pull requests are records in the store the nodes share ({@link
 * PullRequestRecords}), answered only for a repository that exists. The forges differ in where the
 * repositories are: on this disk ({@link LocalForge}) or another node's ({@link HttpLocalForge}).
 */
abstract sealed class StoreBackedForge implements Forge permits LocalForge, HttpLocalForge {
  final PullRequestRecords records;

  StoreBackedForge(PullRequestRecords records) {
    this.records = Objects.requireNonNull(records, "records");
  }

  /** Fails with a {@code PermanentException} naming {@code repo} when it does not exist. */
  abstract void requireRepository(RepoRef repo);

  @Override
  public Optional<PullRequest> pullRequest(RepoRef repo, int number) {
    requireRepository(repo);
    return records.find(repo, number);
  }

  @Override
  public Optional<PullRequest> openPullRequest(RepoRef repo, String head) {
    requireRepository(repo);
    return records.openFrom(repo, head);
  }

  @Override
  public PullRequest updatePullRequest(RepoRef repo, int number, PullRequestUpdate update) {
    requireRepository(repo);
    return records.update(repo, number, update);
  }

  @Override
  public void comment(RepoRef repo, int number, String body) {
    requireRepository(repo);
    records.comment(repo, number, body);
  }

  @Override
  public List<PullRequest> openPullRequests(RepoRef repo) {
    requireRepository(repo);
    return records.list(repo).stream().filter(pr -> "open".equals(pr.state())).toList();
  }

  @Override
  public List<String> comments(RepoRef repo, int number) {
    requireRepository(repo);
    return records.comments(repo, number);
  }
}
