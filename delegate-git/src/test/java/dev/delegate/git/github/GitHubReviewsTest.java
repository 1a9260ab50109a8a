package dev.delegate.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.delegate.git.github.GitHubStubs.API;
import static dev.delegate.git.github.GitHubStubs.NOW;
import static dev.delegate.git.github.GitHubStubs.REPO;
import static dev.delegate.git.github.GitHubStubs.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.delegate.core.followup.FollowUpComment;
import dev.delegate.testkit.job.SettableClock;
import java.net.URI;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the webhook receiver asks GitHub: permissions (cached), a review's comments, CI logs. */
class GitHubReviewsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final SettableClock clock = new SettableClock(NOW);

  GitHubReviews reviews() {
    return new GitHubReviews(GitHubConfig.forApi(URI.create(wm.baseUrl())), TOKEN, clock);
  }

  @Test
  void should_let_writers_start_work_and_ask_again_only_after_the_cache_expires() {
    wm.stubFor(
        get(urlPathEqualTo(API + "/collaborators/mona/permission"))
            .willReturn(okJson("{\"permission\":\"write\",\"role_name\":\"maintain\"}")));
    wm.stubFor(
        get(urlPathEqualTo(API + "/collaborators/reader/permission"))
            .willReturn(okJson("{\"permission\":\"read\",\"role_name\":\"triage\"}")));
    wm.stubFor(
        get(urlPathEqualTo(API + "/collaborators/stranger/permission")).willReturn(notFound()));
    GitHubReviews reviews = reviews();

    assertThat(reviews.canWrite(REPO, "mona")).isTrue();
    assertThat(reviews.canWrite(REPO, "Mona")).isTrue();
    assertThat(reviews.canWrite(REPO, "reader")).isFalse();
    assertThat(reviews.canWrite(REPO, "stranger")).isFalse();
    wm.verify(1, getRequestedFor(urlPathEqualTo(API + "/collaborators/mona/permission")));

    clock.advance(GitHubReviews.PERMISSION_TTL.plusSeconds(1));
    assertThat(reviews.canWrite(REPO, "mona")).isTrue();
    wm.verify(
        2,
        getRequestedFor(urlPathEqualTo(API + "/collaborators/mona/permission"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void should_read_a_reviews_comments_with_file_line_and_diff_hunk() {
    wm.stubFor(
        get(urlPathEqualTo(API + "/pulls/2/reviews/80/comments"))
            .willReturn(
                okJson(
                    "[{\"id\":10,\"user\":{\"login\":\"mona\"},\"body\":\"Rename this\","
                        + "\"path\":\"app.js\",\"line\":null,\"original_line\":7,"
                        + "\"diff_hunk\":\"@@ -1 +1 @@\"}]")));

    FollowUpComment comment = reviews().reviewComments(REPO, 2, 80, NOW).getFirst();

    assertThat(comment.key()).isEqualTo("github:review-comment:10");
    assertThat(comment.author()).isEqualTo("mona");
    assertThat(comment.path()).contains("app.js");
    assertThat(comment.line()).contains(7);
    assertThat(comment.diffHunk()).contains("@@ -1 +1 @@");
  }

  @Test
  void should_fetch_the_end_of_a_failed_jobs_log_from_the_signed_address_without_the_token() {
    wm.stubFor(
        get(urlPathEqualTo(API + "/actions/runs/5/jobs"))
            .willReturn(
                okJson(
                    "{\"jobs\":[{\"id\":6,\"name\":\"test\",\"conclusion\":\"failure\"},"
                        + "{\"id\":7,\"name\":\"lint\",\"conclusion\":\"success\"}]}")));
    wm.stubFor(
        get(urlPathEqualTo(API + "/actions/jobs/6/logs"))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", wm.baseUrl() + "/logs/6.txt")));
    String log =
        IntStream.rangeClosed(1, 50).mapToObj(i -> "step " + i).collect(Collectors.joining("\n"));
    wm.stubFor(get(urlPathEqualTo("/logs/6.txt")).willReturn(aResponse().withBody(log)));

    String excerpt = reviews().workflowRunLog(REPO, 5, 3);

    assertThat(excerpt).isEqualTo("== test ==\nstep 48\nstep 49\nstep 50");
    wm.verify(getRequestedFor(urlPathEqualTo("/logs/6.txt")).withHeader("Authorization", absent()));
  }

  @Test
  void should_give_a_checks_own_output_when_it_has_no_actions_log() {
    wm.stubFor(
        get(urlPathEqualTo(API + "/check-suites/9/check-runs"))
            .willReturn(
                okJson(
                    "{\"check_runs\":[{\"id\":11,\"name\":\"lint\",\"conclusion\":\"failure\","
                        + "\"output\":{\"title\":\"2 problems\",\"summary\":\"app.js:3 unused\","
                        + "\"text\":null}}]}")));
    wm.stubFor(get(urlPathEqualTo(API + "/actions/jobs/11/logs")).willReturn(notFound()));

    assertThat(reviews().checkSuiteLog(REPO, 9, 10))
        .isEqualTo("== lint ==\n2 problems\napp.js:3 unused");
  }
}
