package dev.delegate.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.delegate.git.github.GitHubStubs.API;
import static dev.delegate.git.github.GitHubStubs.REPO;
import static dev.delegate.git.github.GitHubStubs.json;
import static dev.delegate.git.github.GitHubStubs.notFound;
import static dev.delegate.git.github.GitHubStubs.withGitHubHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** File writes go through the contents API: base64 content, and the blob sha when updating. */
class GitHubContentsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final GitHubStubs stubs = new GitHubStubs();

  GitHubForge forge() {
    return stubs.forge(wm.baseUrl());
  }

  @Test
  void should_create_a_file_with_base64_content_and_no_sha() {
    String url = API + "/contents/notes/hello.txt";
    wm.stubFor(get(url + "?ref=featureA").willReturn(notFound()));
    wm.stubFor(
        put(url)
            .willReturn(json(201, GitHubSpec.example("file-commit-example-for-creating-a-file"))));

    String commit =
        forge()
            .putFile(
                REPO, "featureA", "notes/hello.txt", "my new file contents", "my commit message");

    assertThat(commit).isEqualTo("7638417db6d59f3c431d3e1f261cc637155684cd");
    ObjectNode expected =
        (ObjectNode) GitHubSpec.requestExample("/repos/{owner}/{repo}/contents/{path}", "put");
    expected.remove("committer"); // we let GitHub attribute the commit to the token's user
    expected.put("branch", "featureA");
    wm.verify(
        withGitHubHeaders(putRequestedFor(urlEqualTo(url)))
            .withRequestBody(equalToJson(expected.toString())));
  }

  @Test
  void should_update_a_file_sending_the_sha_of_the_blob_it_replaces() {
    String url = API + "/contents/notes/hello.txt";
    ObjectNode current = GitHubSpec.example("content-file-response-if-content-is-a-file");
    current.put("path", "notes/hello.txt").put("sha", "95b966ae1c166bd92f8ae7d1c313e738c731dfc3");
    wm.stubFor(get(url + "?ref=feature%2Fx").willReturn(json(200, current)));
    wm.stubFor(
        put(url)
            .willReturn(json(200, GitHubSpec.example("file-commit-example-for-updating-a-file"))));

    String commit =
        forge()
            .putFile(
                REPO,
                "feature/x",
                "notes/hello.txt",
                "my updated file contents",
                "a new commit message");

    assertThat(commit).isEqualTo("18a43cd8e1e3a79c786e3d808a73d23b6d212b16");
    wm.verify(
        putRequestedFor(urlEqualTo(url))
            .withRequestBody(
                equalToJson(
                    "{\"message\":\"a new commit message\",\"content\":\"bXkgdXBkYXRlZCBmaWxlIGNvbnRlbnRz\","
                        + "\"branch\":\"feature/x\",\"sha\":\"95b966ae1c166bd92f8ae7d1c313e738c731dfc3\"}")));
  }
}
