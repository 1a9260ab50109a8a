package dev.delegate.git.local;

import dev.delegate.git.BranchName;
import java.util.Objects;

/**
 * Settings of {@link LocalForge}.
 *
 * @param pullRequestUrlPrefix a pull request's URL is this, then {@code <owner>/<name>/<number>}
 * @param authorName author and committer of the commits the forge itself makes
 * @param authorEmail their email
 * @param defaultBranch the branch {@link LocalForge#createRepository} seeds
 */
public record LocalForgeConfig(
    String pullRequestUrlPrefix, String authorName, String authorEmail, String defaultBranch) {
  public static final String DEFAULT_URL_PREFIX = "http://127.0.0.1:8080/prs/";
  public static final String DEFAULT_AUTHOR_NAME = "Delegate";
  public static final String DEFAULT_AUTHOR_EMAIL = "delegate@localhost";
  public static final String DEFAULT_BRANCH = "main";
  public static final LocalForgeConfig DEFAULT =
      new LocalForgeConfig(
          DEFAULT_URL_PREFIX, DEFAULT_AUTHOR_NAME, DEFAULT_AUTHOR_EMAIL, DEFAULT_BRANCH);

  public LocalForgeConfig {
    Objects.requireNonNull(pullRequestUrlPrefix, "pullRequestUrlPrefix");
    Objects.requireNonNull(authorName, "authorName");
    Objects.requireNonNull(authorEmail, "authorEmail");
    BranchName.validate(defaultBranch);
    if (!pullRequestUrlPrefix.endsWith("/")) {
      pullRequestUrlPrefix = pullRequestUrlPrefix + "/";
    }
  }

  public LocalForgeConfig withUrlPrefix(String value) {
    return new LocalForgeConfig(value, authorName, authorEmail, defaultBranch);
  }
}
