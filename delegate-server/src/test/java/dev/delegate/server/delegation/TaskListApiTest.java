package dev.delegate.server.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskStore;
import dev.delegate.server.http.Http;
import dev.delegate.server.launch.Roles;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/tasks}'s filters and pages over HTTP, on an API node alone (no processor takes
 * the jobs: the test moves them itself).
 */
class TaskListApiTest {
  static final RepoRef APP = new RepoRef("local", "sample-app");
  static final RepoRef DOCS = new RepoRef("acme", "docs");
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final int SEEDED = 13;

  @TempDir static Path data;
  static Roles roles;
  static Api api;

  @BeforeAll
  static void start() {
    roles = Servers.start(data, "api");
    api = new Api(roles.api().orElseThrow().port());
    TaskStore tasks = roles.api().orElseThrow().services().tasks();
    JobStore jobs = roles.api().orElseThrow().services().jobs();
    for (int i = 0; i < SEEDED; i++) {
      String title = i == 4 ? "Reach 100% coverage" : i == 5 ? "Reach 100 percent" : "Task " + i;
      RepoRef repo = i % 4 == 0 ? DOCS : APP;
      tasks.create(
          StoredTask.submitted(
              "t-" + i,
              Task.of(title, "objective", "", List.of("done")),
              repo,
              "main",
              "b-" + i,
              T0.plusSeconds(i)));
    }
    PullRequest pr = new PullRequest(APP, 7, "Task 7", "", "main", "b-7", "open", "http://x/7");
    tasks.delegate("t-7", pr, new NewJob("j-7", APP, 7, "b-7", "details"), Instant.now());
    var claimed = jobs.claim("test-node", Duration.ofMinutes(5), Instant.now()).orElseThrow();
    assertThat(claimed.id()).isEqualTo("j-7");
    jobs.transition("j-7", "test-node", JobState.RUNNING, "go", JobChange.NONE, Instant.now());
  }

  @AfterAll
  static void stop() {
    roles.close();
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("tasks").forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void should_page_with_the_next_cursor_until_it_is_null() throws Exception {
    List<String> seen = new ArrayList<>();
    JsonNode page = api.json("/api/tasks?limit=5");
    seen.addAll(ids(page));
    int pages = 1;
    while (!page.path("next").isNull()) {
      page = api.json("/api/tasks?limit=5&before=" + enc(page.path("next").asText()));
      seen.addAll(ids(page));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    List<String> newestFirst = new ArrayList<>();
    for (int i = SEEDED - 1; i >= 0; i--) {
      newestFirst.add("t-" + i);
    }
    assertThat(seen).containsExactlyElementsOf(newestFirst);
    JsonNode first = api.json("/api/tasks").path("tasks").get(0);
    assertThat(first.path("title").asText()).isEqualTo("Task 12");
    assertThat(first.path("acceptanceCriteria").get(0).asText()).isEqualTo("done");
    assertThat(first.path("createdAt").asText()).isEqualTo(T0.plusSeconds(12).toString());
  }

  @Test
  void should_filter_by_shown_state_repository_and_title_text() throws Exception {
    JsonNode running = api.json("/api/tasks?state=RUNNING");
    assertThat(ids(running)).containsExactly("t-7");
    JsonNode task = running.path("tasks").get(0);
    assertThat(task.path("jobState").asText()).isEqualTo("RUNNING");
    assertThat(task.path("state").asText()).isEqualTo("DELEGATED");
    assertThat(task.path("durationMs").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(ids(api.json("/api/tasks?state=running"))).containsExactly("t-7");
    assertThat(ids(api.json("/api/tasks?state=SUBMITTED")))
        .hasSize(SEEDED - 1)
        .doesNotContain("t-7");
    assertThat(ids(api.json("/api/tasks?state=SUBMITTED")).getFirst()).isEqualTo("t-12");
    assertThat(
            api.json("/api/tasks?state=SUBMITTED").path("tasks").get(0).path("durationMs").isNull())
        .isTrue();
    assertThat(ids(api.json("/api/tasks?repo=acme/docs")))
        .containsExactly("t-12", "t-8", "t-4", "t-0");
    assertThat(ids(api.json("/api/tasks?q=" + enc("100%")))).containsExactly("t-4");
    assertThat(ids(api.json("/api/tasks?q=REACH"))).containsExactly("t-5", "t-4");
    assertThat(ids(api.json("/api/tasks?q=reach&repo=local/sample-app"))).containsExactly("t-5");
    JsonNode firstDocs = api.json("/api/tasks?repo=acme/docs&limit=2");
    assertThat(ids(firstDocs)).containsExactly("t-12", "t-8");
    JsonNode nextDocs =
        api.json(
            "/api/tasks?repo=acme/docs&limit=2&before=" + enc(firstDocs.path("next").asText()));
    assertThat(ids(nextDocs)).containsExactly("t-4", "t-0");
    assertThat(nextDocs.path("next").isNull()).isTrue();
    assertThat(ids(api.json("/api/tasks?state=&repo=&q="))).hasSize(SEEDED);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "state=BOGUS | invalid_state | 'state' must be one of",
        "state=DONE | invalid_state | RUNNING",
        "repo=sample-app | invalid_repo | owner/name",
        "repo=a/b/c | invalid_repo | owner/name",
        "repo=local/..%2Fetc | invalid_repo | 'repo'",
        "limit=0 | invalid_limit | 1 to 500",
        "limit=501 | invalid_limit | 1 to 500",
        "limit=ten | invalid_limit | 1 to 500",
        "before=not-a-cursor | invalid_cursor | 'next' of the previous page",
        "before=bm9jb2xvbg | invalid_cursor | cursor",
      })
  void should_refuse_a_bad_parameter_with_a_message(String query, String code, String message)
      throws Exception {
    HttpResponse<String> answer = api.get("/api/tasks?" + query);
    assertThat(answer.statusCode()).as(query).isEqualTo(400);
    JsonNode error = Http.JSON.readTree(answer.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).contains(message);
  }

  @Test
  void should_refuse_a_search_text_over_200_characters() throws Exception {
    HttpResponse<String> answer = api.get("/api/tasks?q=" + "x".repeat(201));
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("invalid_query").contains("at most 200");
    assertThat(api.get("/api/tasks?q=" + "x".repeat(200)).statusCode()).isEqualTo(200);
  }
}
