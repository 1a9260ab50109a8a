package dev.delegate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The follower against servers that cannot stream the way ours does: an older one without the
 * stream, and one whose stream breaks before the job ends. These servers cannot be had for real, so
 * a small HTTP server plays them.
 */
class JobFollowerTest {
  private static final String JOB = "j1";
  private HttpServer server;
  private final AtomicInteger streamsOpened = new AtomicInteger();
  private final AtomicInteger jobReads = new AtomicInteger();
  private final StringWriter out = new StringWriter();
  private final CountDownLatch testEnded = new CountDownLatch(1);

  @AfterEach
  void stop() {
    testEnded.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  /** The job's JSON after it went through {@code states}, one second apart. */
  static String job(String... states) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < states.length; i++) {
      events.add(
          "{\"at\":\"2025-01-01T00:00:0%d.250Z\",\"to\":\"%s\",\"note\":false}"
              .formatted(i, states[i]));
    }
    return "{\"id\":\"%s\",\"state\":\"%s\",\"createdAt\":\"2025-01-01T00:00:00.000Z\",\"events\":[%s]}"
        .formatted(JOB, states[states.length - 1], String.join(",", events));
  }

  private ApiClient start(Handler events, Handler read) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/api/jobs/",
        exchange -> {
          try (exchange) {
            if (exchange.getRequestURI().getPath().endsWith("/events")) {
              events.handle(exchange, streamsOpened.incrementAndGet());
            } else {
              read.handle(exchange, jobReads.incrementAndGet());
            }
          }
        });
    server.start();
    return new ApiClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  interface Handler {
    void handle(HttpExchange exchange, int count) throws IOException;
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(bytes);
    }
  }

  private static void json(HttpExchange exchange, String body) throws IOException {
    answer(exchange, 200, "application/json", body);
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  private JobFollower.Outcome follow(ApiClient client, JobFollower.Until until, Duration max)
      throws Exception {
    JobFollower follower = new JobFollower(client, new StateLines(new PrintWriter(out, true)));
    return follower.follow(JOB, until, max);
  }

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  @Test
  void should_read_the_job_every_little_while_from_a_server_without_the_stream() throws Exception {
    List<String> versions =
        List.of(job("QUEUED"), job("QUEUED", "RUNNING"), job("QUEUED", "RUNNING", "SUCCEEDED"));
    ApiClient client =
        start(
            (exchange, n) ->
                answer(
                    exchange,
                    404,
                    "application/json",
                    "{\"error\":{\"code\":\"not_found\",\"message\":\"no such endpoint\"}}"),
            (exchange, n) -> json(exchange, versions.get(Math.min(n, versions.size()) - 1)));

    JobFollower.Outcome outcome = follow(client, JobFollower.Until.SETTLED, JobFollower.NO_LIMIT);

    assertThat(outcome).isInstanceOf(JobFollower.Outcome.Settled.class);
    assertThat(((JobFollower.Outcome.Settled) outcome).job().path("state").asText())
        .isEqualTo("SUCCEEDED");
    assertThat(lines())
        .containsExactly("[   0.25 s] QUEUED", "[   1.25 s] RUNNING", "[   2.25 s] SUCCEEDED");
    assertThat(streamsOpened).as("tried once, then read").hasValue(1);
    assertThat(jobReads).hasValue(3);
  }

  @Test
  void should_open_the_stream_again_where_it_broke_with_the_last_event_id() throws Exception {
    List<String> lastEventIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    ApiClient client =
        start(
            (exchange, n) -> {
              String told = exchange.getRequestHeaders().getFirst("Last-Event-ID");
              lastEventIds.add(told == null ? "none" : told);
              String body =
                  n == 1
                      ? "id: 2-a\n" + event("job", job("QUEUED", "RUNNING")) // then it drops
                      : "id: 4-b\n"
                          + event("job", job("QUEUED", "RUNNING", "COMMITTING", "SUCCEEDED"))
                          + event("end", "{\"jobId\":\"j1\",\"state\":\"SUCCEEDED\"}");
              answer(exchange, 200, "text/event-stream", ": hello\n\n" + body);
            },
            (exchange, n) -> json(exchange, job("QUEUED", "RUNNING", "COMMITTING")));

    JobFollower.Outcome outcome = follow(client, JobFollower.Until.SETTLED, JobFollower.NO_LIMIT);

    assertThat(((JobFollower.Outcome.Settled) outcome).job().path("state").asText())
        .isEqualTo("SUCCEEDED");
    assertThat(lines())
        .containsExactly(
            "[   0.25 s] QUEUED",
            "[   1.25 s] RUNNING",
            "[   2.25 s] COMMITTING",
            "[   3.25 s] SUCCEEDED");
    assertThat(lastEventIds).containsExactly("none", "2-a");
    assertThat(jobReads).as("the stream told what was missed").hasValue(0);
  }

  @Test
  void should_read_the_job_once_when_the_stream_cannot_be_opened_and_try_it_again()
      throws Exception {
    ApiClient client =
        start(
            (exchange, n) -> {
              if (n == 1) {
                answer(exchange, 503, "application/json", "{}");
                return;
              }
              answer(
                  exchange,
                  200,
                  "text/event-stream",
                  event("job", job("QUEUED", "RUNNING", "COMMITTING", "SUCCEEDED"))
                      + event("end", "{\"jobId\":\"j1\",\"state\":\"SUCCEEDED\"}"));
            },
            (exchange, n) -> json(exchange, job("QUEUED", "RUNNING", "COMMITTING")));

    follow(client, JobFollower.Until.SETTLED, JobFollower.NO_LIMIT);

    assertThat(lines())
        .containsExactly(
            "[   0.25 s] QUEUED",
            "[   1.25 s] RUNNING",
            "[   2.25 s] COMMITTING",
            "[   3.25 s] SUCCEEDED");
    assertThat(streamsOpened).hasValue(2);
    assertThat(jobReads).as("once, between the two streams").hasValue(1);
  }

  @Test
  void should_give_the_last_state_seen_when_the_time_runs_out() throws Exception {
    ApiClient client =
        start(
            (exchange, n) -> {
              exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
              exchange.sendResponseHeaders(200, 0);
              OutputStream stream = exchange.getResponseBody();
              stream.write(
                  event("job", job("QUEUED", "NEEDS_INPUT")).getBytes(StandardCharsets.UTF_8));
              stream.flush(); // and nothing more, until the test ends
              try {
                testEnded.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            (exchange, n) -> json(exchange, job("QUEUED", "NEEDS_INPUT")));

    JobFollower.Outcome outcome = follow(client, JobFollower.Until.FINAL, Duration.ofMillis(500));

    assertThat(outcome).isInstanceOf(JobFollower.Outcome.StillGoing.class);
    assertThat(((JobFollower.Outcome.StillGoing) outcome).job().path("state").asText())
        .isEqualTo("NEEDS_INPUT");
    assertThat(jobReads).as("the last look, after the time ran out").hasValue(1);
  }
}
