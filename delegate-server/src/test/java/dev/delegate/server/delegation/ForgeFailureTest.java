package dev.delegate.server.delegation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.task.TaskState;
import dev.delegate.git.github.GitHubConfig;
import dev.delegate.git.github.GitHubForge;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.http.Http;
import dev.delegate.store.Database;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delegation API on GitHub when GitHub refuses the pull request after the branch and TASK.md
 * were made: {@code 502 forge_failed} with GitHub's own message, the task kept as {@code FAILED}
 * with that message, and no job queued. GitHub is WireMock answering in the REST API's shapes.
 */
class ForgeFailureTest {
  static final String REPO = "/repos/acme/web";
  static final String TOKEN = "ghp_forgefailuretesttoken0000000000000000";

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path data;
  Database database;
  Javalin http;

  @BeforeEach
  void start() {
    database = Database.h2File(data);
    ServerConfig config = Servers.config(data, "api");
    GitHubForge forge = new GitHubForge(GitHubConfig.forApi(URI.create(github.baseUrl())), TOKEN);
    Clock clock = Clock.systemUTC();
    Delegation delegation =
        new Delegation(
            database.taskStore(), forge, clock, () -> {}, new RepoRef("acme", "web"), "kiro");
    WebServices services =
        new WebServices(
            config,
            database.taskStore(),
            database.jobStore(),
            forge,
            Optional.empty(),
            delegation,
            clock,
            database.nodeStore(),
            "test-node",
            new dev.delegate.core.job.StuckJobs(database.jobStore(), clock, java.util.Map.of()));
    DelegationApi api = new DelegationApi(services);
    http = Http.start("delegation API", "127.0.0.1", 0, Optional.empty(), api::routes);
  }

  @AfterEach
  void stop() {
    http.stop();
    database.close();
  }

  void gitHubAcceptsBranchAndFile() {
    String sha = "aa218f56b14c9653891f9e74264a383fa43fefbd";
    github.stubFor(
        get(urlPathEqualTo(REPO + "/git/ref/heads/main"))
            .willReturn(
                json(
                    200,
                    """
                    {"ref":"refs/heads/main","node_id":"MDM6UmVmcmVmcy9oZWFkcy9mZWF0dXJlQQ==",
                     "url":"https://api.github.com/repos/acme/web/git/refs/heads/main",
                     "object":{"type":"commit","sha":"%s",
                       "url":"https://api.github.com/repos/acme/web/git/commits/%s"}}
                    """
                        .formatted(sha, sha))));
    github.stubFor(
        get(urlPathMatching(REPO + "/git/ref/heads/feature/.*"))
            .willReturn(json(404, "{\"message\":\"Not Found\",\"status\":\"404\"}")));
    github.stubFor(
        get(urlPathEqualTo(REPO))
            .willReturn(
                json(
                    200,
                    "{\"id\":1296269,\"name\":\"web\",\"full_name\":\"acme/web\","
                        + "\"default_branch\":\"main\"}")));
    github.stubFor(
        post(urlPathEqualTo(REPO + "/git/refs"))
            .willReturn(
                json(
                    201,
                    "{\"ref\":\"refs/heads/feature/x\",\"object\":{\"type\":\"commit\",\"sha\":\""
                        + sha
                        + "\"}}")));
    github.stubFor(
        get(urlPathEqualTo(REPO + "/contents/TASK.md"))
            .willReturn(json(404, "{\"message\":\"Not Found\",\"status\":\"404\"}")));
    github.stubFor(
        put(urlPathEqualTo(REPO + "/contents/TASK.md"))
            .willReturn(
                json(
                    201,
                    "{\"content\":{\"name\":\"TASK.md\",\"path\":\"TASK.md\",\"sha\":"
                        + "\"95b966ae1c166bd92f8ae7d1c313e738c731dfc3\"},"
                        + "\"commit\":{\"sha\":\"7638417db6d59f3c431d3e1f261cc637155684cd\"}}")));
  }

  @Test
  void should_answer_502_with_github_s_message_keep_the_task_failed_and_queue_nothing()
      throws Exception {
    gitHubAcceptsBranchAndFile();
    github.stubFor(
        post(urlPathEqualTo(REPO + "/pulls"))
            .willReturn(
                json(
                    422,
                    """
                    {"message":"Validation Failed","errors":[{"resource":"PullRequest",
                     "code":"custom","message":"Pull request creation is restricted"}],
                     "documentation_url":"https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
                     "status":"422"}
                    """)));

    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + http.port() + "/api/delegate/personal"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"title\":\"Add Export Button\","
                                + "\"objective\":\"Add an export button to the UI\","
                                + "\"owner\":\"acme\",\"repo\":\"web\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(502);
    JsonNode error = Http.JSON.readTree(answer.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("forge_failed");
    assertThat(error.get("message").asText())
        .contains("the forge failed")
        .contains("Pull request creation is restricted");
    assertThat(answer.body()).doesNotContain(TOKEN);
    github.verify(1, postRequestedFor(urlPathEqualTo(REPO + "/pulls")));

    assertThat(database.taskStore().recent(10))
        .singleElement()
        .satisfies(
            task -> {
              assertThat(task.state()).isEqualTo(TaskState.FAILED);
              assertThat(task.failure())
                  .hasValueSatisfying(
                      f -> assertThat(f).contains("Pull request creation is restricted"));
              assertThat(task.branch()).startsWith("feature/add-export-button-");
            });
    assertThat(database.jobStore().recent(10)).as("no job queued").isEmpty();
  }

  @Test
  void should_answer_409_after_a_bounded_number_of_names_when_every_branch_exists()
      throws Exception {
    gitHubAcceptsBranchAndFile();
    github.stubFor(
        get(urlPathMatching(REPO + "/git/ref/heads/feature/.*"))
            .willReturn(
                json(
                    200,
                    "{\"ref\":\"refs/heads/feature/x\",\"object\":{\"type\":\"commit\","
                        + "\"sha\":\"aa218f56b14c9653891f9e74264a383fa43fefbd\"}}")));

    HttpResponse<String> answer = delegate("{\"title\":\"Add Export Button\",\"objective\":\"x\"}");

    assertThat(answer.statusCode()).isEqualTo(409);
    JsonNode error = Http.JSON.readTree(answer.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("branch_exists");
    assertThat(error.get("message").asText()).contains("feature/add-export-button-");
    github.verify(
        Delegation.BRANCH_TRIES,
        getRequestedFor(urlPathMatching(REPO + "/git/ref/heads/feature/.*")));
    github.verify(0, postRequestedFor(urlPathEqualTo(REPO + "/git/refs")));
    assertThat(database.taskStore().recent(10)).as("no task stored").isEmpty();
  }

  private HttpResponse<String> delegate(String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.port() + "/api/delegate/personal"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }
}
