package dev.delegate.server.followup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.delegate.server.followup.LoopServer.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.delegate.core.followup.FollowUpStore;
import dev.delegate.core.job.Job;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.http.Http;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's webhook deliveries over real HTTP, with payloads from GitHub's documented examples
 * (src/test/resources/github-webhooks) and GitHub's REST API stubbed: signatures, who may start
 * work, a review's comments in one follow-up job, a failed check's log excerpt.
 */
class GitHubWebhookTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private static final long REVIEW_ID = 237895671L;
  private static final long RUN_ID = 30433642L;
  private static final long CI_JOB_ID = 399444496L;

  @TempDir static Path data;
  static WireMockServer github;
  static LoopServer server;

  @BeforeAll
  static void start() {
    github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    github.start();
    github.stubFor(
        get(urlPathEqualTo("/repos/local/sample-app/collaborators/Codertocat/permission"))
            .willReturn(okJson("{\"permission\":\"admin\",\"role_name\":\"admin\"}")));
    github.stubFor(
        get(urlPathEqualTo("/repos/local/sample-app/collaborators/reader/permission"))
            .willReturn(okJson("{\"permission\":\"read\",\"role_name\":\"triage\"}")));
    github.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"login\":\"delegate-bot\"}")));
    github.stubFor(
        get(urlPathEqualTo("/repos/local/sample-app/actions/runs/" + RUN_ID + "/jobs"))
            .willReturn(
                okJson(
                    "{\"total_count\":2,\"jobs\":[{\"id\":1,\"name\":\"lint\",\"conclusion\":"
                        + "\"success\"},{\"id\":"
                        + CI_JOB_ID
                        + ",\"name\":\"test\",\"conclusion\":\"failure\"}]}")));
    String log =
        IntStream.rangeClosed(1, 199)
                .mapToObj(i -> "log line " + i)
                .collect(Collectors.joining("\n"))
            + "\nError: expected 3 tasks, found 4\n";
    github.stubFor(
        get(urlPathEqualTo("/repos/local/sample-app/actions/jobs/" + CI_JOB_ID + "/logs"))
            .willReturn(aResponse().withStatus(200).withBody(log)));
    server =
        LoopServer.start(
            data,
            "--workers",
            "2",
            "--review-debounce",
            "2s",
            "--github-webhook-secret",
            SECRET,
            "--github-api-url",
            github.baseUrl());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    github.stop();
  }

  /** A documented example payload, moved to the sample repository and pull request {@code pr}. */
  private static ObjectNode payload(String name, int pr) throws Exception {
    ObjectNode payload;
    try (InputStream in =
        GitHubWebhookTest.class.getResourceAsStream("/github-webhooks/" + name + ".json")) {
      payload = (ObjectNode) Http.JSON.readTree(in);
    }
    ObjectNode repository = (ObjectNode) payload.get("repository");
    repository.put("name", REPO.name()).put("full_name", REPO.fullName());
    ((ObjectNode) repository.get("owner")).put("login", REPO.owner());
    for (String field : new String[] {"pull_request", "issue"}) {
      if (payload.has(field)) {
        ((ObjectNode) payload.get(field)).put("number", pr);
      }
    }
    return payload;
  }

  private static HttpResponse<String> deliver(String event, JsonNode payload, String signature)
      throws Exception {
    Map<String, String> headers = new java.util.HashMap<>();
    headers.put("X-GitHub-Event", event);
    headers.put("X-GitHub-Delivery", java.util.UUID.randomUUID().toString());
    if (signature != null) {
      headers.put("X-Hub-Signature-256", signature);
    }
    return server.post(PullRequestLoop.WEBHOOK_PATH, payload.toString(), headers);
  }

  private static HttpResponse<String> deliver(String event, JsonNode payload) throws Exception {
    byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
    return deliver(event, payload, new WebhookSignature(SECRET).sign(body));
  }

  private static JsonNode answer(HttpResponse<String> response) throws Exception {
    return Http.JSON.readTree(response.body());
  }

  private static FollowUpStore store() {
    return server.node().database().followUpStore();
  }

  @Test
  void should_refuse_unsigned_and_missigned_deliveries_and_change_nothing() throws Exception {
    int number = server.delegated("signed").get("prNumber").asInt();
    ObjectNode comment = payload("pull_request_review_comment.created", number);
    byte[] body = comment.toString().getBytes(StandardCharsets.UTF_8);
    String otherSecret = new WebhookSignature("another secret").sign(body);
    String otherBody = new WebhookSignature(SECRET).sign("{}".getBytes(StandardCharsets.UTF_8));

    for (String signature :
        new String[] {null, "", "sha256=", "sha1=abc", otherSecret, otherBody}) {
      HttpResponse<String> refused = deliver("pull_request_review_comment", comment, signature);
      assertThat(refused.statusCode()).as("signature " + signature).isEqualTo(401);
      assertThat(answer(refused).path("error").path("code").asText()).isEqualTo("bad_signature");
    }
    assertThat(store().comments(REPO, number)).isEmpty();

    HttpResponse<String> ping = deliver("ping", payload("ping", number));
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(answer(ping).path("status").asText()).isEqualTo("pong");
    HttpResponse<String> star = deliver("star", payload("ping", number));
    assertThat(star.statusCode()).isEqualTo(202);
    assertThat(answer(star).path("status").asText()).isEqualTo("ignored");

    HttpResponse<String> signed = deliver("pull_request_review_comment", comment);
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
    assertThat(answer(signed).path("remarks").asInt()).isEqualTo(1);
    assertThat(answer(deliver("pull_request_review_comment", comment)).path("remarks").asInt())
        .as("a redelivery")
        .isZero();
    assertThat(store().comments(REPO, number)).hasSize(1);
  }

  @Test
  void should_make_one_follow_up_job_on_the_same_branch_for_a_review_with_three_comments()
      throws Exception {
    JsonNode task = server.delegated("reviewed");
    int number = task.get("prNumber").asInt();
    ObjectNode review = payload("pull_request_review.submitted", number);
    ((ObjectNode) review.get("review")).put("body", "A few things before this goes in.");
    ArrayNode comments = Http.JSON.createArrayNode();
    for (int i = 1; i <= 3; i++) {
      ObjectNode c =
          payload("pull_request_review_comment.created", number).withObjectProperty("comment");
      c.put("id", 900 + i).put("path", "notes/reviewed.md").put("line", 10 * i);
      c.put("body", "Comment " + i + ": say why.")
          .put("diff_hunk", "@@ -0,0 +1,3 @@\n+# Notes " + i);
      comments.add(c);
    }
    github.stubFor(
        get(urlPathEqualTo(
                "/repos/local/sample-app/pulls/" + number + "/reviews/" + REVIEW_ID + "/comments"))
            .willReturn(okJson(comments.toString())));

    HttpResponse<String> accepted = deliver("pull_request_review", review);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(answer(accepted).path("remarks").asInt()).isEqualTo(4);
    for (JsonNode c : comments) {
      ObjectNode single = payload("pull_request_review_comment.created", number);
      single.set("comment", c);
      assertThat(answer(deliver("pull_request_review_comment", single)).path("remarks").asInt())
          .as("the review's comment, delivered on its own too")
          .isZero();
    }

    JsonNode followUp = server.nextJob(number, task.get("jobId").asText());
    server.awaitState(followUp.get("id").asText(), "SUCCEEDED");
    Job job = server.job(followUp.get("id").asText());
    assertThat(job.branch()).isEqualTo(task.get("branch").asText());
    assertThat(job.taskDetails())
        .contains("Codertocat commented:\nA few things before this goes in.")
        .contains("Codertocat commented on notes/reviewed.md:10:\nComment 1: say why.")
        .contains("on notes/reviewed.md:20:\nComment 2: say why.")
        .contains("on notes/reviewed.md:30:\nComment 3: say why.")
        .contains("+# Notes 3");
    assertThat(server.node().forge().branchHead(REPO, job.branch())).isEqualTo(job.commitSha());
    assertThat(store().followUps(REPO, number)).isEqualTo(1);
    assertThat(server.json("/api/jobs?pr=" + number).get("id").asText()).isEqualTo(job.id());
  }

  @Test
  void should_ignore_comments_from_readers_from_delegate_itself_and_on_other_pull_requests()
      throws Exception {
    int number = server.delegated("ignored").get("prNumber").asInt();
    ObjectNode byReader = payload("issue_comment.created", number);
    byReader.withObjectProperty("comment").withObjectProperty("user").put("login", "reader");
    ObjectNode byDelegate = payload("issue_comment.created", number);
    byDelegate
        .withObjectProperty("comment")
        .withObjectProperty("user")
        .put("login", "delegate-bot");
    ObjectNode onIssue = payload("issue_comment.created", number);
    onIssue.withObjectProperty("issue").remove("pull_request");
    ObjectNode elsewhere = payload("issue_comment.created", 9999);

    for (ObjectNode payload : new ObjectNode[] {byReader, byDelegate, onIssue, elsewhere}) {
      HttpResponse<String> response = deliver("issue_comment", payload);
      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(answer(response).path("status").asText()).as(response.body()).isEqualTo("ignored");
    }
    assertThat(answer(deliver("issue_comment", byReader)).path("reason").asText())
        .isEqualTo("reader has no write access to local/sample-app");
    assertThat(store().comments(REPO, number)).isEmpty();

    HttpResponse<String> byWriter =
        deliver("issue_comment", payload("issue_comment.created", number));
    assertThat(answer(byWriter).path("remarks").asInt()).isEqualTo(1);
  }

  @Test
  void should_start_one_follow_up_with_the_end_of_each_failed_checks_log() throws Exception {
    JsonNode task = server.delegated("ci");
    int number = task.get("prNumber").asInt();
    ObjectNode passed = payload("check_suite.completed", number);
    passed
        .withObjectProperty("check_suite")
        .put("conclusion", "success")
        .put("head_branch", task.get("branch").asText());
    assertThat(answer(deliver("check_suite", passed)).path("status").asText()).isEqualTo("ignored");
    ObjectNode otherBranch = payload("workflow_run.completed", number);
    assertThat(answer(deliver("workflow_run", otherBranch)).path("status").asText())
        .as("a run on main")
        .isEqualTo("ignored");

    github.stubFor(
        get(urlPathEqualTo("/repos/local/sample-app/check-suites/118578147/check-runs"))
            .willReturn(
                okJson(
                    "{\"check_runs\":[{\"id\":555,\"name\":\"eslint\",\"conclusion\":"
                        + "\"failure\",\"output\":{\"title\":\"1 error\","
                        + "\"summary\":\"notes/ci.md:1 missing title\",\"text\":null}}]}")));
    ObjectNode suite = payload("check_suite.completed", number);
    ObjectNode checkSuite = suite.withObjectProperty("check_suite");
    checkSuite.put("head_branch", task.get("branch").asText());
    ((ObjectNode) checkSuite.get("pull_requests").get(0)).put("number", number);
    HttpResponse<String> suiteFailed = deliver("check_suite", suite);
    assertThat(answer(suiteFailed).path("remarks").asInt()).as(suiteFailed.body()).isEqualTo(1);

    ObjectNode failed = payload("workflow_run.completed", number);
    failed.withObjectProperty("workflow_run").put("head_branch", task.get("branch").asText());
    HttpResponse<String> accepted = deliver("workflow_run", failed);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(answer(accepted).path("remarks").asInt()).isEqualTo(1);

    JsonNode followUp = server.nextJob(number, task.get("jobId").asText());
    server.awaitState(followUp.get("id").asText(), "SUCCEEDED");
    String details = server.job(followUp.get("id").asText()).taskDetails();
    assertThat(details)
        .contains("A check failed on this branch")
        .contains("Failed check Build:\n```\n== test ==\n")
        .contains("log line 121\n")
        .contains("Error: expected 3 tasks, found 4")
        .doesNotContain("log line 120\n")
        .doesNotContain("== lint ==")
        .contains("== eslint ==\n1 error\nnotes/ci.md:1 missing title");
    assertThat(store().followUps(REPO, number))
        .as("the failed suite and the failed run of one push make one job")
        .isEqualTo(1);
  }

  @Test
  void should_rebase_a_pull_request_that_conflicts_after_a_push_to_its_base() throws Exception {
    JsonNode created = server.delegated("pushedbase");
    int number = created.get("prNumber").asInt();
    String first = created.get("jobId").asText();
    // straight into the bare repository with git, as GitHub takes a push: nothing of Delegate's
    // hears of it but the webhook
    Path bare = ((LocalForge) server.node().forge()).repositoryPath(REPO);
    Path clone = data.resolve("pushed-base");
    git(data, "clone", "-q", bare.toString(), clone.toString());
    Files.createDirectories(clone.resolve("notes"));
    Files.writeString(clone.resolve("notes/pushedbase.md"), "Another note on main.\n");
    git(clone, "add", "-A");
    git(
        clone,
        "-c",
        "user.name=Someone",
        "-c",
        "user.email=someone@example.com",
        "commit",
        "-qm",
        "base moves");
    git(clone, "push", "-q", "origin", "HEAD:main");
    assertThat(server.json("/api/jobs?pr=" + number).path("id").asText())
        .as("no rebase before GitHub tells of the push")
        .isEqualTo(first);

    ObjectNode push = payload("push", number);
    HttpResponse<String> answered = deliver("push", push);
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(202);
    assertThat(answer(answered).path("rebaseCheck").asText()).isEqualTo("main");

    JsonNode rebase = server.nextJob(number, first);
    assertThat(rebase.path("kind").asText()).isEqualTo("rebase");
    server.awaitState(rebase.path("id").asText(), "SUCCEEDED");

    push.put("ref", "refs/tags/v1.0");
    assertThat(answer(deliver("push", push)).path("status").asText()).isEqualTo("ignored");
  }

  private static void git(Path directory, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(git.waitFor()).as(String.join(" ", args) + ": " + output).isZero();
  }
}
