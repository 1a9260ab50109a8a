package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.server.http.Http;
import dev.delegate.store.Database;
import dev.delegate.testkit.store.InMemoryJobStore;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/dashboard} over HTTP on the in-memory and the H2 store, at a fixed clock: every
 * field of the answer for a known history, and a 400 for a window it does not serve.
 */
class DashboardApiTest {
  private static final Instant B = Instant.parse("2026-03-01T10:00:00Z");
  private static final RepoRef REPO = new RepoRef("local", "sample-app");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir Path dir;
  private Database database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  private JobStore open(String engine) {
    if (engine.equals("H2")) {
      database = Database.h2File(dir);
      return database.jobStore();
    }
    return new InMemoryJobStore();
  }

  private static Instant m(int minutes) {
    return B.plus(Duration.ofMinutes(minutes));
  }

  /** job-a succeeds in 40 minutes with an approval; job-b fails an hour later; job-c waits. */
  private static void history(JobStore store) {
    store.enqueue(new NewJob("job-a", REPO, 1, "feature/a", "a"), m(5));
    store.claim("node", Duration.ofMinutes(5), m(15));
    store.transition("job-a", "node", JobState.RUNNING, "", JobChange.NONE, m(16));
    store.note("job-a", "approval: deny shell \"rm -rf /\" (rule: deny kind=shell)", m(20));
    store.transition("job-a", "node", JobState.COMMITTING, "", JobChange.NONE, m(40));
    store.transition("job-a", "node", JobState.SUCCEEDED, "", JobChange.NONE, m(45));
    store.enqueue(new NewJob("job-b", REPO, 2, "feature/b", "b"), m(65));
    store.claim("node", Duration.ofMinutes(5), m(66));
    store.transition("job-b", "node", JobState.FAILED, "", JobChange.failure("no"), m(70));
    store.enqueue(new NewJob("job-c", REPO, 3, "feature/c", "c"), m(80));
  }

  private static JsonNode get(int port, String query, int status) throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/dashboard" + query))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return Http.JSON.readTree(response.body());
  }

  private Javalin serve(JobStore store) {
    Clock clock = Clock.fixed(m(90), ZoneOffset.UTC);
    return Http.start(
        "dashboard", "127.0.0.1", 0, Optional.empty(), new DashboardApi(store, clock)::routes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"in memory", "H2"})
  void should_answer_every_figure_of_a_known_history(String engine) throws Exception {
    JobStore store = open(engine);
    history(store);
    Javalin app = serve(store);
    try {
      JsonNode d = get(app.port(), "?hours=2", 200);

      assertThat(d.path("from").asText()).isEqualTo(B.toString());
      assertThat(d.path("to").asText()).isEqualTo(m(90).toString());
      assertThat(d.path("hours").asInt()).isEqualTo(2);
      assertThat(d.path("empty").asBoolean()).isFalse();
      JsonNode t = d.path("totals");
      assertThat(t.path("tasks").asInt()).isEqualTo(3);
      assertThat(t.path("succeeded").asInt()).isEqualTo(1);
      assertThat(t.path("failed").asInt()).isEqualTo(1);
      assertThat(t.path("timedOut").asInt()).isZero();
      assertThat(t.path("cancelled").asInt()).isZero();
      assertThat(t.path("successRate").asDouble()).isEqualTo(0.5);
      assertThat(t.path("medianTimeToPrMs").asLong()).isEqualTo(Duration.ofMinutes(40).toMillis());
      assertThat(t.path("allowed").asInt()).isZero();
      assertThat(t.path("denied").asInt()).isEqualTo(1);
      JsonNode first = d.path("buckets").get(0);
      JsonNode second = d.path("buckets").get(1);
      assertThat(d.path("buckets")).hasSize(2);
      assertThat(first.path("start").asText()).isEqualTo(B.toString());
      assertThat(List.of(first.path("tasks").asInt(), second.path("tasks").asInt()))
          .containsExactly(1, 2);
      assertThat(List.of(first.path("succeeded").asInt(), second.path("failed").asInt()))
          .containsExactly(1, 1);
      assertThat(List.of(first.path("queued").asInt(), second.path("queued").asInt()))
          .containsExactly(0, 1);
      assertThat(List.of(first.path("busyMax").asInt(), second.path("busy").asInt()))
          .containsExactly(1, 0);
      assertThat(List.of(first.path("denied").asInt(), second.path("denied").asInt()))
          .containsExactly(1, 0);
      JsonNode steps = d.path("steps");
      assertThat(steps.findValuesAsText("step"))
          .containsExactly("QUEUED", "PREPARING", "RUNNING", "COMMITTING");
      assertThat(steps.get(0).path("count").asInt()).isEqualTo(2);
      assertThat(steps.get(0).path("p50Ms").asLong()).isEqualTo(Duration.ofMinutes(1).toMillis());
      assertThat(steps.get(0).path("p95Ms").asLong()).isEqualTo(Duration.ofMinutes(10).toMillis());
      assertThat(steps.get(2).path("p50Ms").asLong()).isEqualTo(Duration.ofMinutes(24).toMillis());
      assertThat(steps.get(3).path("p95Ms").asLong()).isEqualTo(Duration.ofMinutes(5).toMillis());
      JsonNode kinds = d.path("approvalsByKind");
      assertThat(kinds).hasSize(1);
      assertThat(kinds.get(0).path("kind").asText()).isEqualTo("shell");
      assertThat(kinds.get(0).path("denied").asInt()).isEqualTo(1);

      JsonNode byDefault = get(app.port(), "", 200);
      assertThat(byDefault.path("hours").asInt()).isEqualTo(DashboardApi.DEFAULT_HOURS);
      assertThat(byDefault.path("buckets")).hasSize(24);
      assertThat(byDefault.path("totals").path("tasks").asInt()).isEqualTo(3);
    } finally {
      app.stop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "721", "-3", "abc", "1.5", "24h"})
  void should_refuse_a_window_it_does_not_serve(String hours) throws Exception {
    Javalin app = serve(new InMemoryJobStore());
    try {
      JsonNode error = get(app.port(), "?hours=" + hours, 400).path("error");
      assertThat(error.path("code").asText()).isEqualTo("invalid_hours");
      assertThat(error.path("message").asText())
          .isEqualTo("'hours' must be a whole number from 1 to 720, was '" + hours + "'");
    } finally {
      app.stop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"in memory", "H2"})
  void should_say_empty_when_the_store_holds_no_history(String engine) throws Exception {
    Javalin app = serve(open(engine));
    try {
      JsonNode d = get(app.port(), "?hours=720", 200);
      assertThat(d.path("empty").asBoolean()).isTrue();
      assertThat(d.path("buckets")).hasSize(720);
      assertThat(d.path("totals").path("successRate").isNull()).isTrue();
      assertThat(d.path("totals").path("medianTimeToPrMs").isNull()).isTrue();
    } finally {
      app.stop();
    }
  }
}
