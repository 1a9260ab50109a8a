package dev.delegate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.http.Http;
import dev.delegate.server.launch.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} over real HTTP on a node with every role, after jobs that succeed, fail and
 * time out were delegated at once through the API: the numbers are what happened.
 */
class MetricsEndpointTest {
  static final String TOKEN = "api-secret";
  static final String METRICS_TOKEN = "prometheus-only";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final int SUCCEEDING = 4;

  @TempDir static Path data;
  static Roles roles;
  static List<String> jobs = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    roles =
        Servers.start(
            data,
            "api,processor,pool",
            "--workers",
            "2",
            "--turn-timeout",
            "4s",
            "--token",
            TOKEN,
            "--metrics-token",
            METRICS_TOKEN,
            "--approval-default",
            "allow"); // each approval prompt is asked and answered, none trusted for the session
    List<String> objectives = new ArrayList<>();
    for (int i = 0; i < SUCCEEDING; i++) {
      objectives.add("scenario:note-m" + i + "-think-0");
    }
    objectives.add("scenario:crash");
    objectives.add("scenario:think-60");
    try (ExecutorService clients = Executors.newFixedThreadPool(objectives.size())) {
      List<Future<String>> posted = new ArrayList<>();
      for (String objective : objectives) {
        posted.add(clients.submit((Callable<String>) () -> delegate(objective)));
      }
      for (Future<String> job : posted) {
        jobs.add(job.get());
      }
    }
    for (String job : jobs) {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> !List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING").contains(state(job)));
    }
  }

  @AfterAll
  static void stop() {
    roles.close();
  }

  private static int apiPort() {
    return roles.api().orElseThrow().port();
  }

  private static HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String delegate(String objective) throws Exception {
    String body =
        Http.JSON.writeValueAsString(
            Map.of("title", "Metrics " + objective, "objective", objective));
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + apiPort() + "/api/delegate/personal"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Http.JSON.readTree(response.body()).path("jobId").asText();
  }

  private static String state(String jobId) throws Exception {
    JsonNode job = Http.JSON.readTree(get(apiPort(), "/api/jobs/" + jobId, TOKEN).body());
    return job.path("state").asText();
  }

  static PrometheusText scrape() throws Exception {
    HttpResponse<String> response = get(apiPort(), "/metrics", METRICS_TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    return PrometheusText.parse(response.body());
  }

  @Test
  void should_count_the_jobs_their_steps_and_turns_as_they_happened() throws Exception {
    List<String> ends = new ArrayList<>();
    for (String job : jobs) {
      ends.add(state(job));
    }
    assertThat(ends)
        .as("the jobs' own ends")
        .containsExactlyInAnyOrder(
            "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "TIMED_OUT");
    String agent = roles.pool().orElseThrow().pool().profile().displayName();
    // the job's end is measured off the job's thread: wait until the last one is counted
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> scrape().sum("delegate_jobs_ended_total") == jobs.size());

    PrometheusText m = scrape();

    assertThat(m.sum("delegate_jobs_ended_total", Map.of("state", "succeeded", "agent", agent)))
        .isEqualTo(SUCCEEDING);
    assertThat(m.sum("delegate_jobs_ended_total", Map.of("state", "failed"))).isEqualTo(1);
    assertThat(m.sum("delegate_jobs_ended_total", Map.of("state", "timed_out"))).isEqualTo(1);
    assertThat(m.sum("delegate_job_duration_seconds_count")).isEqualTo(jobs.size());
    // one attempt each: every job was queued, prepared and ran once; the succeeded ones committed
    assertThat(m.sum("delegate_job_step_duration_seconds_count", Map.of("step", "queued")))
        .isEqualTo(jobs.size());
    assertThat(m.sum("delegate_job_step_duration_seconds_count", Map.of("step", "preparing")))
        .isEqualTo(jobs.size());
    assertThat(m.sum("delegate_job_step_duration_seconds_count", Map.of("step", "running")))
        .isEqualTo(jobs.size());
    assertThat(m.sum("delegate_job_step_duration_seconds_count", Map.of("step", "committing")))
        .isEqualTo(SUCCEEDING);
    assertThat(m.sum("delegate_job_step_duration_seconds_sum", Map.of("step", "running")))
        .as("the timed-out turn alone ran 4 s")
        .isGreaterThanOrEqualTo(4.0);
    assertThat(m.sum("delegate_turns_total", Map.of("outcome", "completed"))).isEqualTo(SUCCEEDING);
    assertThat(m.sum("delegate_turns_total", Map.of("outcome", "failed"))).isEqualTo(1);
    assertThat(m.sum("delegate_turns_total", Map.of("outcome", "timed_out"))).isEqualTo(1);
    assertThat(m.sum("delegate_session_restarts_total", Map.of("reason", "turn_failed")))
        .as("the crashed agent's session")
        .isEqualTo(1);
    assertThat(m.sum("delegate_approvals_total", Map.of("decision", "allow", "kind", "write")))
        .as("each note written after its approval")
        .isEqualTo(SUCCEEDING);
    assertThat(m.sum("delegate_approvals_total", Map.of("decision", "deny"))).isZero();
    assertThat(m.sum("delegate_queue_jobs")).isZero();
    assertThat(m.sum("delegate_jobs")).as("no job is active any more").isZero();
    assertThat(m.sum("delegate_store_operation_seconds_count", Map.of("operation", "claim")))
        .isGreaterThanOrEqualTo(jobs.size());
    assertThat(m.sum("delegate_store_operation_seconds_count", Map.of("operation", "transition")))
        .isGreaterThanOrEqualTo(jobs.size() * 2);
    // workspaces are prepared and committed with git (a local forge's pushes run in-process)
    assertThat(m.sum("delegate_git_command_seconds_count")).isGreaterThanOrEqualTo(jobs.size());
    assertThat(m.labelValues("delegate_git_command_seconds_count", "command"))
        .allMatch(command -> command.matches("[a-z][a-z-]*"));
    assertThat(
            m.sum(
                "delegate_http_server_requests_seconds_count",
                Map.of("method", "POST", "route", "/api/delegate/personal", "status", "201")))
        .isEqualTo(jobs.size());
    assertThat(m.labelValues("delegate_http_server_requests_seconds_count", "route"))
        .contains("/api/jobs/{id}")
        .allSatisfy(route -> jobs.forEach(job -> assertThat(route).doesNotContain(job)));
    assertThat(m.names())
        .contains("jvm_memory_used_bytes", "process_cpu_usage", "jvm_threads_live_threads");
  }

  @Test
  void should_show_the_workers_by_state() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> scrape().sum("delegate_workers", Map.of("state", "ready")) == 2);
    assertThat(scrape().sum("delegate_workers")).isEqualTo(2);
  }

  @Test
  void should_answer_401_without_a_token_and_200_with_the_api_or_the_metrics_token()
      throws Exception {
    int[] ports = {
      apiPort(), roles.pool().orElseThrow().port(), roles.processor().orElseThrow().port()
    };
    for (int port : ports) {
      assertThat(get(port, "/metrics", null).statusCode()).as("port " + port).isEqualTo(401);
      assertThat(get(port, "/metrics", "wrong").statusCode()).as("port " + port).isEqualTo(401);
      HttpResponse<String> withMetricsToken = get(port, "/metrics", METRICS_TOKEN);
      assertThat(withMetricsToken.statusCode()).as("port " + port).isEqualTo(200);
      assertThat(withMetricsToken.body()).contains("delegate_workers{");
      assertThat(get(port, "/metrics", TOKEN).statusCode()).as("port " + port).isEqualTo(200);
    }
    assertThat(get(apiPort(), "/api/jobs", METRICS_TOKEN).statusCode())
        .as("the metrics token reads the metrics only")
        .isEqualTo(401);
  }

  @Test
  void should_name_only_metrics_it_exposes_in_the_dashboard_and_the_alert_rules() throws Exception {
    Set<String> exposed = scrape().names();
    Map<String, String> queries = new LinkedHashMap<>(MonitoringFiles.dashboardQueries());
    queries.putAll(MonitoringFiles.alertExpressions());
    assertThat(queries.keySet())
        .contains(
            "DelegateQueueGrowing",
            "DelegateNoReadyWorker",
            "DelegateSessionRestartsLooping",
            "DelegateJobsStuck",
            "DelegateWebhookDeliveriesFailing");

    queries.forEach(
        (where, expr) -> {
          assertThat(PromQl.balanced(expr)).as(where + ": brackets pair up in " + expr).isTrue();
          Set<String> names = PromQl.metricNames(expr);
          assertThat(names).as(where + ": names a metric in " + expr).isNotEmpty();
          assertThat(exposed)
              .as(where + ": every metric of " + expr + " is exposed")
              .containsAll(names);
        });
  }

  @Test
  void should_read_the_metric_names_out_of_promql() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le, step) (rate(delegate_job_step_duration_seconds_bucket{step=\"a b\"}[5m])))"))
        .containsExactly("delegate_job_step_duration_seconds_bucket");
    assertThat(PromQl.metricNames("max(a_total) > max(b offset 10m) and on (x) c == 0"))
        .containsExactly("a_total", "b", "c");
    assertThat(PromQl.balanced("sum(rate(x[5m])")).isFalse();
  }
}
