package dev.delegate.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.delegate.git.github.GitHubStubs.API;
import static dev.delegate.git.github.GitHubStubs.REPO;
import static dev.delegate.git.github.GitHubStubs.json;
import static dev.delegate.git.github.GitHubStubs.notFound;
import static dev.delegate.git.github.GitHubStubs.withGitHubHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.PullRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each call sends the request GitHub's description asks for and reads GitHub's answer. */
class GitHubForgeTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final GitHubStubs stubs = new GitHubStubs();

  GitHubForge forge() {
    return stubs.forge(wm.baseUrl());
  }

  @Test
  void should_read_a_branch_head_from_its_git_ref() {
    wm.stubFor(
        get(API + "/git/ref/heads/featureA").willReturn(json(200, GitHubSpec.example("git-ref"))));
    assertThat(forge().branchHead(REPO, "featureA"))
        .contains("aa218f56b14c9653891f9e74264a383fa43fefbd");
    wm.verify(withGitHubHeaders(getRequestedFor(urlEqualTo(API + "/git/ref/heads/featureA"))));
  }

  @Test
  void should_report_no_head_for_a_missing_branch_of_an_existing_repository() {
    wm.stubFor(get(API + "/git/ref/heads/nope").willReturn(notFound()));
    wm.stubFor(
        get(API).willReturn(json(200, GitHubSpec.example("full-repository-default-response"))));
    assertThat(forge().branchHead(REPO, "nope")).isEmpty();
  }

  @Test
  void should_fail_permanently_when_the_repository_is_missing_or_hidden_from_the_token() {
    wm.stubFor(get(API + "/git/ref/heads/main").willReturn(notFound()));
    wm.stubFor(get(API).willReturn(notFound()));
    assertThatThrownBy(() -> forge().branchHead(REPO, "main"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("404 Not Found")
        .hasMessageContaining("does not exist, or the token cannot see it");
  }

  @Test
  void should_percent_encode_branch_names_but_keep_their_slashes() {
    wm.stubFor(
        get(API + "/git/ref/heads/feature/a%23b%25c")
            .willReturn(json(200, GitHubSpec.example("git-ref"))));
    assertThat(forge().branchHead(REPO, "feature/a#b%c")).isPresent();
  }

  @Test
  void should_create_a_branch_at_the_head_of_its_base() {
    wm.stubFor(
        get(API + "/git/ref/heads/master").willReturn(json(200, GitHubSpec.example("git-ref"))));
    wm.stubFor(post(API + "/git/refs").willReturn(json(201, GitHubSpec.example("git-ref"))));
    forge().createBranch(REPO, "featureA", "master");
    String expected =
        GitHubSpec.requestExample("/repos/{owner}/{repo}/git/refs", "post").toString();
    wm.verify(
        withGitHubHeaders(postRequestedFor(urlEqualTo(API + "/git/refs")))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson(expected)));
  }

  @Test
  void should_create_a_pull_request_and_read_its_fields() {
    wm.stubFor(post(API + "/pulls").willReturn(json(201, GitHubSpec.example("pull-request"))));

    PullRequest pr =
        forge()
            .createPullRequest(
                REPO,
                "Amazing new feature",
                "Please pull these awesome changes in!",
                "new-topic",
                "master");

    assertThat(pr)
        .isEqualTo(
            new PullRequest(
                REPO,
                1347,
                "Amazing new feature",
                "Please pull these awesome changes in!",
                "master",
                "new-topic",
                "open",
                "https://github.com/octocat/Hello-World/pull/1347"));
    ObjectNode expected =
        (ObjectNode) GitHubSpec.requestExample("/repos/{owner}/{repo}/pulls", "post").deepCopy();
    expected.put("head", "new-topic"); // the example's "octocat:new-topic" names a fork's branch
    wm.verify(
        withGitHubHeaders(postRequestedFor(urlEqualTo(API + "/pulls")))
            .withRequestBody(equalToJson(expected.toString())));
  }

  @Test
  void should_read_a_pull_request_or_report_it_missing() {
    wm.stubFor(get(API + "/pulls/1347").willReturn(json(200, GitHubSpec.example("pull-request"))));
    wm.stubFor(get(API + "/pulls/9").willReturn(notFound()));
    wm.stubFor(
        get(API).willReturn(json(200, GitHubSpec.example("full-repository-default-response"))));
    assertThat(forge().pullRequest(REPO, 1347)).map(PullRequest::head).contains("new-topic");
    assertThat(forge().pullRequest(REPO, 9)).isEmpty();
  }

  @Test
  void should_tell_whether_a_pull_request_merges_from_its_mergeable_field() {
    ObjectNode conflicting = GitHubSpec.example("pull-request");
    conflicting.put("mergeable", false).put("mergeable_state", "dirty");
    ObjectNode computing = GitHubSpec.example("pull-request");
    computing.putNull("mergeable");
    wm.stubFor(get(API + "/pulls/1347").willReturn(json(200, GitHubSpec.example("pull-request"))));
    wm.stubFor(get(API + "/pulls/1348").willReturn(json(200, conflicting)));
    wm.stubFor(get(API + "/pulls/1349").willReturn(json(200, computing)));
    wm.stubFor(get(API + "/pulls/9").willReturn(notFound()));

    assertThat(forge().merges(REPO, 1347)).contains(true);
    assertThat(forge().merges(REPO, 1348)).contains(false);
    assertThat(forge().merges(REPO, 1349)).as("not computed yet").isEmpty();
    assertThat(forge().merges(REPO, 9)).isEmpty();
  }

  @Test
  void should_list_the_open_pull_requests_oldest_first() {
    ArrayNode list = GitHubSpec.example("pull-request").arrayNode();
    list.add(GitHubSpec.example("pull-request"));
    String path = API + "/pulls?state=open&sort=created&direction=asc&per_page=100";
    wm.stubFor(get(urlEqualTo(path)).willReturn(json(200, list)));

    assertThat(forge().openPullRequests(REPO))
        .singleElement()
        .satisfies(pr -> assertThat(pr.number()).isEqualTo(1347))
        .satisfies(pr -> assertThat(pr.base()).isEqualTo("master"));
    wm.verify(withGitHubHeaders(getRequestedFor(urlEqualTo(path))));
  }

  @Test
  void should_comment_on_a_pull_request() {
    wm.stubFor(
        post(API + "/issues/1347/comments")
            .willReturn(json(201, GitHubSpec.example("issue-comment"))));
    forge().comment(REPO, 1347, "Me too");
    String expected =
        GitHubSpec.requestExample("/repos/{owner}/{repo}/issues/{issue_number}/comments", "post")
            .toString();
    wm.verify(
        withGitHubHeaders(postRequestedFor(urlEqualTo(API + "/issues/1347/comments")))
            .withRequestBody(equalToJson(expected)));
  }

  @Test
  void should_list_comments_oldest_first_across_pages() {
    String first = API + "/issues/1347/comments?per_page=100";
    String second = first + "&page=2";
    wm.stubFor(
        get(first)
            .willReturn(
                json(200, comments("first", "second"))
                    .withHeader(
                        "Link",
                        "<"
                            + wm.baseUrl()
                            + second
                            + ">; rel=\"next\", <"
                            + wm.baseUrl()
                            + second
                            + ">; rel=\"last\"")));
    wm.stubFor(get(second).willReturn(json(200, comments("third"))));
    assertThat(forge().comments(REPO, 1347)).containsExactly("first", "second", "third");
  }

  private static ArrayNode comments(String... bodies) {
    ArrayNode list = GitHubSpec.JSON.createArrayNode();
    for (String body : bodies) {
      list.add(GitHubSpec.example("issue-comment").put("body", body));
    }
    return list;
  }
}
