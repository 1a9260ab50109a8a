package dev.delegate.git.github;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link GitHubForge}.
 *
 * @param apiBaseUrl the REST API ({@code https://api.github.com}, or a GitHub Enterprise's {@code
 *     https://host/api/v3})
 * @param webBaseUrl where repositories are cloned from ({@code https://github.com})
 * @param maxRateLimitWait the longest a call waits for a rate limit to reset; a longer wait fails
 *     with a {@code TransientException} that says when to retry
 * @param requestTimeout how long one HTTP request may take
 * @param userAgent sent with every request (GitHub requires one)
 */
public record GitHubConfig(
    URI apiBaseUrl,
    URI webBaseUrl,
    Duration maxRateLimitWait,
    Duration requestTimeout,
    String userAgent) {
  public static final URI DEFAULT_API_BASE_URL = URI.create("https://api.github.com");
  public static final URI DEFAULT_WEB_BASE_URL = URI.create("https://github.com");
  public static final Duration DEFAULT_MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final String DEFAULT_USER_AGENT = "delegate";
  public static final GitHubConfig DEFAULT =
      new GitHubConfig(
          DEFAULT_API_BASE_URL,
          DEFAULT_WEB_BASE_URL,
          DEFAULT_MAX_RATE_LIMIT_WAIT,
          DEFAULT_REQUEST_TIMEOUT,
          DEFAULT_USER_AGENT);

  public GitHubConfig {
    apiBaseUrl = withoutTrailingSlash(Objects.requireNonNull(apiBaseUrl, "apiBaseUrl"));
    webBaseUrl = withoutTrailingSlash(Objects.requireNonNull(webBaseUrl, "webBaseUrl"));
    Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (maxRateLimitWait.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("maxRateLimitWait and requestTimeout must be positive");
    }
    if (userAgent == null || userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent must not be empty");
    }
    if (apiBaseUrl.getUserInfo() != null || webBaseUrl.getUserInfo() != null) {
      throw new IllegalArgumentException("base URLs must not carry credentials; pass the token");
    }
  }

  /** The default settings against another API base URL (a test server, GitHub Enterprise). */
  public static GitHubConfig forApi(URI apiBaseUrl) {
    return DEFAULT.withApiBaseUrl(apiBaseUrl);
  }

  public GitHubConfig withApiBaseUrl(URI value) {
    return new GitHubConfig(value, webBaseUrl, maxRateLimitWait, requestTimeout, userAgent);
  }

  public GitHubConfig withWebBaseUrl(URI value) {
    return new GitHubConfig(apiBaseUrl, value, maxRateLimitWait, requestTimeout, userAgent);
  }

  public GitHubConfig withMaxRateLimitWait(Duration value) {
    return new GitHubConfig(apiBaseUrl, webBaseUrl, value, requestTimeout, userAgent);
  }

  private static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }
}
