package dev.delegate.testkit.job;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestUpdate;
import dev.delegate.core.forge.RepoRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A forge in memory, for tests of the job logic: repositories, branches as file maps with a commit
 * id each, pull requests, comments. It keeps the forge contract in {@code
 * dev.delegate.testkit.contract} ({@code FakeForgeContractTest}); it keeps no history, only each
 * branch's files and head.
 */
public final class FakeForge implements Forge {
  private record Branch(Map<String, String> files, String head) {}

  private final Set<RepoRef> repos = new HashSet<>();
  private final Map<String, Branch> branches = new HashMap<>();
  private final Map<String, PullRequest> pulls = new HashMap<>();
  private final Map<String, List<String>> comments = new HashMap<>();
  private final Map<RepoRef, Integer> lastNumber = new HashMap<>();
  private long commits;

  private static String key(RepoRef repo, String name) {
    return repo.fullName() + "@" + name;
  }

  /** A repository whose {@code main} branch holds {@code files} in one commit. */
  public synchronized void createRepository(RepoRef repo, Map<String, String> files) {
    repos.add(repo);
    branches.put(key(repo, "main"), new Branch(new HashMap<>(files), nextCommit()));
  }

  /** A branch with {@code files}, and its pull request into {@code main}. */
  public synchronized PullRequest pullRequestWith(
      RepoRef repo, String branch, Map<String, String> files, String body) {
    if (repos.add(repo)) {
      branches.put(key(repo, "main"), new Branch(new HashMap<>(), nextCommit()));
    }
    branches.put(key(repo, branch), new Branch(new HashMap<>(files), nextCommit()));
    return createPullRequest(repo, "Task on " + branch, body, branch, "main");
  }

  @Override
  public synchronized Optional<String> branchHead(RepoRef repo, String branch) {
    checkBranchName(branch);
    existing(repo);
    return Optional.ofNullable(branches.get(key(repo, branch))).map(Branch::head);
  }

  @Override
  public synchronized void createBranch(RepoRef repo, String branch, String fromBranch) {
    checkBranchName(branch);
    existing(repo);
    Branch from = branches.get(key(repo, fromBranch));
    if (from == null || branches.containsKey(key(repo, branch))) {
      throw new PermanentException("cannot create branch " + branch);
    }
    branches.put(key(repo, branch), new Branch(new HashMap<>(from.files()), from.head()));
  }

  @Override
  public synchronized String putFile(
      RepoRef repo, String branch, String path, String content, String message) {
    checkBranchName(branch);
    if (path.startsWith("/") || Arrays.asList(path.split("/")).contains("..")) {
      throw new PermanentException("invalid path: " + path);
    }
    Branch old = branches.get(key(repo, branch));
    if (old == null) {
      throw new PermanentException("branch '" + branch + "' does not exist in " + repo);
    }
    Map<String, String> files = new HashMap<>(old.files());
    files.put(path, content);
    Branch next = new Branch(files, nextCommit());
    branches.put(key(repo, branch), next);
    return next.head();
  }

  @Override
  public synchronized Optional<String> readFile(RepoRef repo, String branch, String path) {
    return Optional.ofNullable(branches.get(key(repo, branch))).map(b -> b.files().get(path));
  }

  @Override
  public synchronized void deleteBranch(RepoRef repo, String branch) {
    branches.remove(key(repo, branch));
  }

  @Override
  public synchronized PullRequest createPullRequest(
      RepoRef repo, String title, String body, String head, String base) {
    Branch from = branches.get(key(repo, head));
    Branch into = branches.get(key(repo, base));
    if (from == null || into == null) {
      throw new PermanentException("no branch " + (from == null ? head : base) + " in " + repo);
    }
    if (from.head().equals(into.head())) {
      throw new PermanentException("no commits between " + base + " and " + head);
    }
    if (openPullRequest(repo, head).filter(p -> p.base().equals(base)).isPresent()) {
      throw new PermanentException("a pull request already exists for " + head);
    }
    int number = lastNumber.merge(repo, 1, Integer::sum);
    PullRequest pr =
        new PullRequest(
            repo,
            number,
            title,
            body,
            base,
            head,
            "open",
            "fake://" + repo.fullName() + "/" + number);
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
    if (pullRequest(repo, number).isEmpty()) {
      throw new PermanentException("no pull request " + repo + "#" + number + " to comment on");
    }
    comments.computeIfAbsent(key(repo, "#" + number), k -> new ArrayList<>()).add(body);
  }

  @Override
  public synchronized List<String> comments(RepoRef repo, int number) {
    return List.copyOf(comments.getOrDefault(key(repo, "#" + number), List.of()));
  }

  @Override
  public GitRemote remote(RepoRef repo) {
    return new GitRemote("fake://" + repo.fullName() + ".git", Map.of());
  }

  private void existing(RepoRef repo) {
    if (!repos.contains(repo)) {
      throw new PermanentException("no repository " + repo);
    }
  }

  private static void checkBranchName(String branch) {
    if (branch.isEmpty()
        || branch.startsWith("-")
        || branch.contains("..")
        || branch.chars().anyMatch(c -> c <= ' ' || "~^:?*[\\".indexOf(c) >= 0)) {
      throw new PermanentException("invalid branch name: " + branch);
    }
  }

  private String nextCommit() {
    return String.format(Locale.ROOT, "%040x", ++commits);
  }
}
