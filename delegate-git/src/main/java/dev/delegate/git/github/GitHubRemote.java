package dev.delegate.git.github;

import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.RepoRef;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * How git reaches a GitHub repository: {@code <web>/<owner>/<name>.git}, authenticated by an {@code
 * Authorization: Basic base64("x-access-token:<token>")} header that git reads from {@code
 * GIT_CONFIG_COUNT}/{@code GIT_CONFIG_KEY_0}/{@code GIT_CONFIG_VALUE_0}. The key is {@code
 * http.<web>/.extraHeader}, scoped to the web base URL, so git sends the header to GitHub only,
 * even when a URL is rewritten or redirected elsewhere.
 */
final class GitHubRemote {
  private GitHubRemote() {}

  static GitRemote of(URI webBaseUrl, RepoRef repo, String token) {
    String base = webBaseUrl.toString();
    String basic =
        Base64.getEncoder()
            .encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
    return new GitRemote(
        base + "/" + repo.owner() + "/" + repo.name() + ".git",
        Map.of(
            "GIT_CONFIG_COUNT",
            "1",
            "GIT_CONFIG_KEY_0",
            "http." + base + "/.extraHeader",
            "GIT_CONFIG_VALUE_0",
            "Authorization: Basic " + basic,
            "GIT_TERMINAL_PROMPT",
            "0"));
  }
}
