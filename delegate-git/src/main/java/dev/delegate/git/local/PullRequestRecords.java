package dev.delegate.git.local;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestStore;
import dev.delegate.core.forge.PullRequestUpdate;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.BranchName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The pull-request half of the local forge, the same wherever its repositories are reached from
 * ({@link LocalForge} on the disk, {@link HttpLocalForge} over HTTP): records in the shared {@link
 * PullRequestStore}, checked as GitHub checks them. The caller has made sure the repository exists.
 */
final class PullRequestRecords {
  /**
   * What opening a pull request needs to know of the repository's branches: the commit a branch
   * points at, if it exists, and whether one commit is another or one of its ancestors.
   */
  record Branches(Function<String, Optional<String>> heads, BiPredicate<String, String> ancestry) {
    Optional<String> head(String branch) {
      return heads.apply(branch);
    }

    boolean isAncestor(String ancestor, String commit) {
      return ancestry.test(ancestor, commit);
    }
  }

  private final PullRequestStore store;
  private final String urlPrefix;

  /**
   * @param urlPrefix a pull request's URL is this, then {@code <owner>/<name>/<number>}
   */
  PullRequestRecords(PullRequestStore store, String urlPrefix) {
    this.store = Objects.requireNonNull(store, "store");
    this.urlPrefix = urlPrefix.endsWith("/") ? urlPrefix : urlPrefix + "/";
  }

  PullRequest create(
      RepoRef repo, String title, String body, String head, String base, Branches branches) {
    requireText(title, "a pull request title");
    String headCommit = branchOrFail(branches, repo, BranchName.validate(head));
    String baseCommit = branchOrFail(branches, repo, BranchName.validate(base));
    if (branches.isAncestor(headCommit, baseCommit)) {
      throw new PermanentException(
          "no commits between " + base + " and " + head + " in " + repo + "; nothing to review");
    }
    if (store.findOpen(repo, head, base).isPresent()) {
      throw new PermanentException(
          "a pull request already exists for " + repo + " from " + head + " into " + base);
    }
    String prefix = urlPrefix + repo.owner() + "/" + repo.name() + "/";
    return store.create(repo, title, body == null ? "" : body, head, base, prefix);
  }

  Optional<PullRequest> find(RepoRef repo, int number) {
    return number < 1 ? Optional.empty() : store.find(repo, number);
  }

  Optional<PullRequest> openFrom(RepoRef repo, String head) {
    return store.findOpenFrom(repo, BranchName.validate(head));
  }

  PullRequest update(RepoRef repo, int number, PullRequestUpdate update) {
    return store.update(repo, number, update).orElseThrow(() -> missing(repo, number));
  }

  void comment(RepoRef repo, int number, String body) {
    requireText(body, "a comment");
    if (find(repo, number).isEmpty()) {
      throw missing(repo, number);
    }
    store.addComment(repo, number, body);
  }

  List<String> comments(RepoRef repo, int number) {
    if (find(repo, number).isEmpty()) {
      throw missing(repo, number);
    }
    return store.comments(repo, number);
  }

  List<PullRequest> list(RepoRef repo) {
    return store.list(repo);
  }

  static PermanentException missing(RepoRef repo, int number) {
    return new PermanentException("pull request #" + number + " does not exist in " + repo);
  }

  static String branchOrFail(Branches branches, RepoRef repo, String branch) {
    return branches
        .head(branch)
        .orElseThrow(
            () -> new PermanentException("branch '" + branch + "' does not exist in " + repo));
  }

  static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new PermanentException(what + " must not be empty");
    }
  }
}
