package dev.delegate.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.delegate.git.github.GitHubStubs.API;
import static dev.delegate.git.github.GitHubStubs.REPO;
import static dev.delegate.git.github.GitHubStubs.TOKEN;
import static dev.delegate.git.github.GitHubStubs.error;
import static dev.delegate.git.github.GitHubStubs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.delegate.core.PermanentException;
import dev.delegate.core.TransientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GitHub's error answers become exceptions a person can act on; rate limits are waited out. */
class GitHubFailuresTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String REF = API + "/git/ref/heads/main";
  final GitHubStubs stubs = new GitHubStubs();

  GitHubForge forge() {
    return stubs.forge(wm.baseUrl());
  }

  @Test
  void should_name_the_validation_error_when_a_branch_already_exists() {
    wm.stubFor(
        get(API + "/git/ref/heads/master").willReturn(json(200, GitHubSpec.example("git-ref"))));
    wm.stubFor(
        post(API + "/git/refs")
            .willReturn(
                error(
                    422,
                    "Reference already exists",
                    "https://docs.github.com/rest/git/refs#create-a-reference")));
    assertThatThrownBy(() -> forge().createBranch(REPO, "featureA", "master"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("creating branch 'featureA' in octocat/Hello-World")
        .hasMessageContaining("422 Reference already exists");
  }

  @Test
  void should_name_field_and_code_of_each_validation_error() {
    ObjectNode body = GitHubSpec.JSON.createObjectNode().put("message", "Validation Failed");
    body.putArray("errors")
        .addObject()
        .put("resource", "PullRequest")
        .put("field", "head")
        .put("code", "invalid");
    body.withArray("errors")
        .addObject()
        .put("resource", "PullRequest")
        .put("code", "custom")
        .put("message", "A pull request already exists for octocat:new-topic.");
    body.put("documentation_url", "https://docs.github.com/rest/pulls/pulls#create-a-pull-request");
    wm.stubFor(post(API + "/pulls").willReturn(json(422, body)));
    assertThatThrownBy(() -> forge().createPullRequest(REPO, "t", "b", "new-topic", "master"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining(
            "422 Validation Failed: PullRequest.head invalid; A pull request already exists for octocat:new-topic.;"
                + " see https://docs.github.com/rest/pulls/pulls#create-a-pull-request");
  }

  @Test
  void should_explain_a_rejected_token_without_showing_it() {
    wm.stubFor(get(REF).willReturn(error(401, "Bad credentials", "https://docs.github.com/rest")));
    assertThatThrownBy(() -> forge().branchHead(REPO, "main"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("401 Bad credentials")
        .hasMessageContaining("check that the token (GITHUB_TOKEN) is valid")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void should_treat_a_forbidden_answer_without_rate_limit_as_missing_permission() {
    wm.stubFor(
        get(REF)
            .willReturn(
                error(
                    403,
                    "Resource not accessible by personal access token",
                    "https://docs.github.com/rest")));
    assertThatThrownBy(() -> forge().branchHead(REPO, "main"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("the token lacks a permission");
    assertThat(stubs.slept).isEmpty();
  }

  @Test
  void should_treat_server_errors_and_unreachable_servers_as_transient() {
    wm.stubFor(get(REF).willReturn(error(502, "Server Error", "https://docs.github.com/rest")));
    assertThatThrownBy(() -> forge().branchHead(REPO, "main"))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("502 Server Error");
    assertThatThrownBy(() -> stubs.forge("http://127.0.0.1:9").branchHead(REPO, "main"))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("could not reach GitHub");
  }

  @Test
  void should_retry_a_file_write_that_lost_a_race_with_a_fresh_sha() {
    String url = API + "/contents/TASK.md";
    ObjectNode current = GitHubSpec.example("content-file-response-if-content-is-a-file");
    wm.stubFor(get(url + "?ref=main").willReturn(json(200, current)));
    wm.stubFor(
        put(url)
            .inScenario("race")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                error(
                    409,
                    "TASK.md does not match 3d21ec53a331a6f037a91c368710b99387d012c1",
                    "https://docs.github.com/rest"))
            .willSetStateTo("second"));
    wm.stubFor(
        put(url)
            .inScenario("race")
            .whenScenarioStateIs("second")
            .willReturn(json(200, GitHubSpec.example("file-commit-example-for-updating-a-file"))));
    assertThat(forge().putFile(REPO, "main", "TASK.md", "x", "m"))
        .isEqualTo("18a43cd8e1e3a79c786e3d808a73d23b6d212b16");
    wm.verify(2, putRequestedFor(urlEqualTo(url)));
    wm.verify(2, getRequestedFor(urlEqualTo(url + "?ref=main")));
  }

  @Test
  void should_follow_a_redirect_only_within_the_api() {
    wm.stubFor(
        get(REF)
            .willReturn(
                aResponse()
                    .withStatus(301)
                    .withHeader("Location", wm.baseUrl() + "/repositories/1/git/ref/heads/main")));
    wm.stubFor(
        get("/repositories/1/git/ref/heads/main")
            .willReturn(json(200, GitHubSpec.example("git-ref"))));
    assertThat(forge().branchHead(REPO, "main")).isPresent();
    wm.stubFor(
        get(REF)
            .willReturn(
                aResponse().withStatus(301).withHeader("Location", "https://elsewhere.example/x")));
    assertThatThrownBy(() -> forge().branchHead(REPO, "main"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("outside the API base URL");
  }
}
