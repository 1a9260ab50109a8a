package dev.delegate.testkit.store;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestStore;
import dev.delegate.core.forge.PullRequestUpdate;
import dev.delegate.core.forge.RepoRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link PullRequestStore} in memory, for tests of the local forge; it keeps the pull-request
 * store contract in {@code dev.delegate.testkit.contract}.
 */
public final class InMemoryPullRequestStore implements PullRequestStore {
  private final Map<RepoRef, List<PullRequest>> pulls = new HashMap<>();
  private final Map<String, List<String>> comments = new HashMap<>();

  @Override
  public synchronized PullRequest create(
      RepoRef repo, String title, String body, String head, String base, String urlPrefix) {
    List<PullRequest> list = pulls.computeIfAbsent(repo, r -> new ArrayList<>());
    int number = list.size() + 1;
    PullRequest pr =
        new PullRequest(repo, number, title, body, base, head, "open", urlPrefix + number);
    list.add(pr);
    return pr;
  }

  @Override
  public synchronized Optional<PullRequest> find(RepoRef repo, int number) {
    List<PullRequest> list = pulls.getOrDefault(repo, List.of());
    return number >= 1 && number <= list.size()
        ? Optional.of(list.get(number - 1))
        : Optional.empty();
  }

  @Override
  public synchronized Optional<PullRequest> findOpen(RepoRef repo, String head, String base) {
    return pulls.getOrDefault(repo, List.of()).stream()
        .filter(p -> p.state().equals("open") && p.head().equals(head) && p.base().equals(base))
        .findFirst();
  }

  @Override
  public synchronized Optional<PullRequest> findOpenFrom(RepoRef repo, String head) {
    return pulls.getOrDefault(repo, List.of()).stream()
        .filter(p -> p.state().equals("open") && p.head().equals(head))
        .findFirst();
  }

  @Override
  public synchronized Optional<PullRequest> update(
      RepoRef repo, int number, PullRequestUpdate update) {
    Optional<PullRequest> found = find(repo, number);
    found.ifPresent(
        p ->
            pulls
                .get(repo)
                .set(
                    number - 1,
                    new PullRequest(
                        repo,
                        number,
                        p.title(),
                        update.body().orElse(p.body()),
                        p.base(),
                        p.head(),
                        update.close() ? "closed" : p.state(),
                        p.url())));
    return find(repo, number);
  }

  @Override
  public synchronized List<PullRequest> list(RepoRef repo) {
    return List.copyOf(pulls.getOrDefault(repo, List.of()));
  }

  @Override
  public synchronized void addComment(RepoRef repo, int number, String body) {
    if (find(repo, number).isEmpty()) {
      throw new PermanentException("no pull request " + repo + "#" + number);
    }
    comments.computeIfAbsent(repo + "#" + number, k -> new ArrayList<>()).add(body);
  }

  @Override
  public synchronized List<String> comments(RepoRef repo, int number) {
    return List.copyOf(comments.getOrDefault(repo + "#" + number, List.of()));
  }
}
