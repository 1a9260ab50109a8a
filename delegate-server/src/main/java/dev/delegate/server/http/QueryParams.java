package dev.delegate.server.http;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.RepoRef;

/**
 * Query parameters the read endpoints share, parsed the same way on every port: a bad value is a
 * {@code 400} naming it.
 */
public final class QueryParams {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private QueryParams() {}

  /**
   * The repository a request names: {@code repo} as {@code owner/name}, or {@code name} with {@code
   * owner} (default {@code defaultOwner}); {@code defaultRepo} when it names none.
   */
  public static RepoRef repo(String owner, String repo, RepoRef defaultRepo, String defaultOwner) {
    if (repo == null || repo.isBlank()) {
      return defaultRepo;
    }
    try {
      int slash = repo.indexOf('/');
      if (slash >= 0) {
        return new RepoRef(repo.substring(0, slash), repo.substring(slash + 1));
      }
      return new RepoRef(owner == null || owner.isBlank() ? defaultOwner : owner, repo);
    } catch (PermanentException e) {
      throw ApiException.badRequest("invalid_repo", e.getMessage());
    }
  }

  /** A pull request number: a whole number from 1. */
  public static int prNumber(String text) {
    try {
      int number = Integer.parseInt(text);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "invalid_pr", "a pull request number is a whole number from 1, was '" + text + "'");
  }

  /**
   * How many items a list answers: {@value #DEFAULT_LIMIT} unless given, at most {@value
   * #MAX_LIMIT}.
   */
  public static int limit(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "invalid_limit", "'limit' must be a whole number from 1 to " + MAX_LIMIT);
  }
}
