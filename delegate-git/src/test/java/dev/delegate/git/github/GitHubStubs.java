package dev.delegate.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.delegate.core.forge.RepoRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the GitHub tests share: the repository, the token, a fixed clock and a recording sleeper.
 */
final class GitHubStubs {
  static final RepoRef REPO = new RepoRef("octocat", "Hello-World");
  static final String API = "/repos/octocat/Hello-World";
  static final String TOKEN = "ghp_TestTokenDoNotLeak0123456789abcdef";
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  final List<Duration> slept = new ArrayList<>();

  GitHubForge forge(String baseUrl) {
    GitHubConfig config =
        GitHubConfig.forApi(URI.create(baseUrl)).withMaxRateLimitWait(Duration.ofSeconds(60));
    return new GitHubForge(
        config,
        TOKEN,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        Clock.fixed(NOW, ZoneOffset.UTC),
        slept::add);
  }

  /** The headers GitHub asks every call to carry. */
  static RequestPatternBuilder withGitHubHeaders(RequestPatternBuilder request) {
    return request
        .withHeader("Accept", equalTo("application/vnd.github+json"))
        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("User-Agent", equalTo("delegate"));
  }

  static ResponseDefinitionBuilder json(int status, JsonNode body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body.toString());
  }

  /** A {@code basic-error} body as GitHub sends it. */
  static ResponseDefinitionBuilder error(int status, String message, String docs) {
    var body = GitHubSpec.JSON.createObjectNode();
    body.put("message", message);
    body.put("documentation_url", docs);
    body.put("status", Integer.toString(status));
    return json(status, body);
  }

  static ResponseDefinitionBuilder notFound() {
    return error(404, "Not Found", "https://docs.github.com/rest");
  }
}
