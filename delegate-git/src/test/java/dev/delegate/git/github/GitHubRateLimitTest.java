package dev.delegate.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.delegate.git.github.GitHubStubs.API;
import static dev.delegate.git.github.GitHubStubs.NOW;
import static dev.delegate.git.github.GitHubStubs.REPO;
import static dev.delegate.git.github.GitHubStubs.error;
import static dev.delegate.git.github.GitHubStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.delegate.core.TransientException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rate limits are waited out through the injected sleeper, up to a maximum. */
class GitHubRateLimitTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String REF = API + "/git/ref/heads/main";
  final GitHubStubs stubs = new GitHubStubs();

  GitHubForge forge() {
    return stubs.forge(wm.baseUrl());
  }

  @Test
  void should_wait_for_the_rate_limit_reset_then_retry() {
    long reset = NOW.plusSeconds(30).getEpochSecond();
    ResponseDefinitionBuilder limited =
        error(
                403,
                "API rate limit exceeded for user ID 1.",
                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api")
            .withHeader("x-ratelimit-limit", "5000")
            .withHeader("x-ratelimit-remaining", "0")
            .withHeader("x-ratelimit-reset", Long.toString(reset));
    stubOnceThenOk(limited);
    assertThat(forge().branchHead(REPO, "main")).isPresent();
    assertThat(stubs.slept).containsExactly(Duration.ofSeconds(30));
    wm.verify(2, getRequestedFor(urlEqualTo(REF)));
  }

  @Test
  void should_honour_retry_after_and_secondary_limits() {
    stubOnceThenOk(
        error(429, "Too Many Requests", "https://docs.github.com/rest")
            .withHeader("retry-after", "5"));
    assertThat(forge().branchHead(REPO, "main")).isPresent();
    wm.resetAll();
    stubOnceThenOk(
        error(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes.",
            "https://docs.github.com/rest"));
    assertThat(forge().branchHead(REPO, "main")).isPresent();
    assertThat(stubs.slept).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(60));
  }

  @Test
  void should_not_wait_longer_than_the_maximum_and_say_when_to_retry() {
    wm.stubFor(
        get(REF)
            .willReturn(
                error(403, "API rate limit exceeded", "https://docs.github.com/rest")
                    .withHeader("x-ratelimit-remaining", "0")
                    .withHeader(
                        "x-ratelimit-reset",
                        Long.toString(NOW.plusSeconds(3600).getEpochSecond()))));
    assertThatThrownBy(() -> forge().branchHead(REPO, "main"))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("rate limit")
        .hasMessageContaining("retry after 2026-01-01T01:00:00Z");
    assertThat(stubs.slept).isEmpty();
  }

  private void stubOnceThenOk(ResponseDefinitionBuilder first) {
    wm.stubFor(
        get(REF)
            .inScenario("limit")
            .whenScenarioStateIs(STARTED)
            .willReturn(first)
            .willSetStateTo("reset"));
    wm.stubFor(
        get(REF)
            .inScenario("limit")
            .whenScenarioStateIs("reset")
            .willReturn(json(200, GitHubSpec.example("git-ref"))));
  }
}
