package dev.delegate.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.delegate.git.github.GitHubStubs.REPO;
import static dev.delegate.git.github.GitHubStubs.TOKEN;
import static dev.delegate.git.github.GitHubStubs.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.delegate.core.DelegateException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.workspace.GitWorkspaces;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The token reaches GitHub and git, and nothing else: not URLs, text, messages or logs. */
class GitHubTokenSafetyTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String BASIC =
      Base64.getEncoder()
          .encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
  @TempDir Path dir;

  @Test
  void should_build_a_remote_that_authenticates_git_through_the_environment_only() {
    GitHubForge forge = new GitHubForge(GitHubConfig.DEFAULT, TOKEN);
    GitRemote remote = forge.remote(REPO);
    assertThat(remote.url()).isEqualTo("https://github.com/octocat/Hello-World.git");
    assertThat(remote.environment())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "GIT_CONFIG_COUNT", "1",
                "GIT_CONFIG_KEY_0", "http.https://github.com/.extraHeader",
                "GIT_CONFIG_VALUE_0", "Authorization: Basic " + BASIC,
                "GIT_TERMINAL_PROMPT", "0"));
    assertThat(remote.toString()).doesNotContain(TOKEN).doesNotContain(BASIC);
    assertThat(forge.toString()).doesNotContain(TOKEN);
  }

  @Test
  void should_send_the_header_to_the_git_server_and_keep_it_out_of_git_errors() {
    GitRemote remote = forgeWithWeb().remote(REPO);
    wm.stubFor(
        get(urlPathEqualTo("/octocat/Hello-World.git/info/refs"))
            .willReturn(error(404, "Not Found", "x")));

    Throwable failure =
        catchThrowable(
            () ->
                new Git()
                    .exec(GitCommand.in(dir, "ls-remote", remote.url()).env(remote.environment())));

    wm.verify(
        getRequestedFor(urlPathEqualTo("/octocat/Hello-World.git/info/refs"))
            .withHeader("Authorization", equalTo("Basic " + BASIC)));
    assertThat(failure).isInstanceOf(DelegateException.class);
    assertThat(everything(failure))
        .contains(remote.url())
        .doesNotContain(TOKEN)
        .doesNotContain(BASIC);
  }

  @Test
  void should_keep_the_token_out_of_workspace_errors() {
    GitRemote remote = forgeWithWeb().remote(REPO);
    wm.stubFor(
        get(urlPathEqualTo("/octocat/Hello-World.git/info/refs"))
            .willReturn(error(401, "Bad credentials", "x")));
    GitWorkspaces workspaces = new GitWorkspaces(dir, new Git());
    Throwable failure =
        catchThrowable(() -> workspaces.prepare(REPO, remote, "main", dir.resolve("workers/1")));
    assertThat(failure).isInstanceOf(DelegateException.class);
    assertThat(everything(failure)).doesNotContain(TOKEN).doesNotContain(BASIC);
  }

  @Test
  void should_keep_the_token_out_of_api_errors_and_every_log_line() throws Exception {
    GitHubForge forge = forgeWithWeb();
    wm.stubFor(
        get(GitHubStubs.API + "/git/ref/heads/main")
            .willReturn(error(401, "Bad credentials", "x")));
    assertThatThrownBy(() -> forge.branchHead(REPO, "main"))
        .satisfies(e -> assertThat(everything(e)).doesNotContain(TOKEN));

    String log = Files.readString(Path.of("target", "delegate-git-tests.log"));
    assertThat(log)
        .as("the log captured this test's calls")
        .contains("GitHub GET /repos/octocat/Hello-World/git/ref/heads/main -> 401");
    assertThat(log).doesNotContain(TOKEN).doesNotContain(BASIC);
  }

  private static GitHubForge forgeWithWeb() {
    GitHubConfig config =
        GitHubConfig.forApi(URI.create(wm.baseUrl())).withWebBaseUrl(URI.create(wm.baseUrl()));
    return new GitHubForge(
        config,
        TOKEN,
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
        Clock.systemUTC(),
        d -> {});
  }

  /** Message, causes and stack trace text of a failure. */
  private static String everything(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
