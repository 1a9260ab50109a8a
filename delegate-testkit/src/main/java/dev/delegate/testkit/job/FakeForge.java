package dev.delegate.testkit.job;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestUpdate;
import dev.delegate.core.forge.RepoRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A forge in memory, for tests of the job logic: branches as file maps, pull requests, comments.
 * Its answers follow {@code ForgeContract}; it keeps no history, only each branch's files.
 */
public final class FakeForge implements Forge {
  private final Map<String, Map<String, String>> branches = new HashMap<>();
  private final Map<String, PullRequest> pulls = new HashMap<>();
  private final Map<String, List<String>> comments = new HashMap<>();
  private int lastNumber;

  private static String key(RepoRef repo, String name) {
    return repo.fullName() + "@" + name;
  }

  /** A branch with {@code files}, and its pull request into {@code main}. */
  public synchronized PullRequest pullRequestWith(
      RepoRef repo, String branch, Map<String, String> files, String body) {
    branches.putIfAbsent(key(repo, "main"), new HashMap<>());
    branches.put(key(repo, branch), new HashMap<>(files));
    return createPullRequest(repo, "Task on " + branch, body, branch, "main");
  }

  @Override
  public synchronized Optional<String> branchHead(RepoRef repo, String branch) {
    return branches.containsKey(key(repo, branch))
        ? Optional.of(
            UUID.nameUUIDFromBytes(
                    branches
                        .get(key(repo, branch))
                        .toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString())
        : Optional.empty();
  }

  @Override
  public synchronized void createBranch(RepoRef repo, String branch, String fromBranch) {
    Map<String, String> from = branches.get(key(repo, fromBranch));
    if (from == null || branches.containsKey(key(repo, branch))) {
      throw new PermanentException("cannot create branch " + branch);
    }
    branches.put(key(repo, branch), new HashMap<>(from));
  }

  @Override
  public synchronized String putFile(
      RepoRef repo, String branch, String path, String content, String message) {
    Map<String, String> files = branches.get(key(repo, branch));
    if (files == null) {
      throw new PermanentException("branch '" + branch + "' does not exist in " + repo);
    }
    files.put(path, content);
    return branchHead(repo, branch).orElseThrow();
  }

  @Override
  public synchronized Optional<String> readFile(RepoRef repo, String branch, String path) {
    return Optional.ofNullable(branches.getOrDefault(key(repo, branch), Map.of()).get(path));
  }

  @Override
  public synchronized void deleteBranch(RepoRef repo, String branch) {
    branches.remove(key(repo, branch));
  }

  @Override
  public synchronized PullRequest createPullRequest(
      RepoRef repo, String title, String body, String head, String base) {
    int number = ++lastNumber;
    PullRequest pr =
        new PullRequest(repo, number, title, body, base, head, "open", "fake://" + number);
    pulls.put(key(repo, "#" + number), pr);
    return pr;
  }

  @Override
  public synchronized Optional<PullRequest> pullRequest(RepoRef repo, int number) {
    return Optional.ofNullable(pulls.get(key(repo, "#" + number)));
  }

  @Override
  public synchronized Optional<PullRequest> openPullRequest(RepoRef repo, String head) {
    return pulls.values().stream()
        .filter(p -> p.repo().equals(repo) && p.head().equals(head) && p.state().equals("open"))
        .findFirst();
  }

  @Override
  public synchronized PullRequest updatePullRequest(
      RepoRef repo, int number, PullRequestUpdate update) {
    PullRequest old =
        pullRequest(repo, number)
            .orElseThrow(() -> new PermanentException("no pull request #" + number));
    PullRequest pr =
        new PullRequest(
            repo,
            number,
            old.title(),
            update.body().orElse(old.body()),
            old.base(),
            old.head(),
            update.close() ? "closed" : old.state(),
            old.url());
    pulls.put(key(repo, "#" + number), pr);
    return pr;
  }

  @Override
  public synchronized void comment(RepoRef repo, int number, String body) {
    comments.computeIfAbsent(key(repo, "#" + number), k -> new ArrayList<>()).add(body);
  }

  @Override
  public synchronized List<String> comments(RepoRef repo, int number) {
    return List.copyOf(comments.getOrDefault(key(repo, "#" + number), List.of()));
  }

  @Override
  public GitRemote remote(RepoRef repo) {
    return new GitRemote("fake://" + repo.fullName(), Map.of());
  }
}
