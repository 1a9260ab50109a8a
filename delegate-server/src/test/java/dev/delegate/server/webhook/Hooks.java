package dev.delegate.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.server.http.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Jobs moved through the store as a processor node would, and the webhook API over HTTP. */
final class Hooks {
  static final RepoRef REPO = new RepoRef("local", "sample-app");
  static final String SECRET = "It's a Secret to Everybody";
  private static final AtomicInteger PRS = new AtomicInteger(1000);
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Hooks() {}

  /**
   * Queues a job, claims one as node {@code owner} and ends it in {@code end} (through the moves a
   * processor makes); returns the id of the job it ended.
   */
  static String endJob(JobStore jobs, String owner, JobState end) {
    int pr = PRS.incrementAndGet();
    jobs.enqueue(
        new NewJob(UUID.randomUUID().toString(), REPO, pr, "feature/hook-" + pr, "Add a hook"),
        Instant.now());
    // many claimers at once may each find every due job held by another for a moment: try again
    Optional<Job> claimed = Optional.empty();
    for (int i = 0; i < 1000 && claimed.isEmpty(); i++) {
      claimed = jobs.claim(owner, Duration.ofMinutes(5), Instant.now());
    }
    Job job = claimed.orElseThrow();
    move(jobs, job, owner, JobState.RUNNING, JobChange.NONE);
    switch (end) {
      case SUCCEEDED -> {
        move(jobs, job, owner, JobState.COMMITTING, JobChange.NONE);
        move(jobs, job, owner, JobState.SUCCEEDED, JobChange.commit("0123abcd"));
      }
      case FAILED -> move(jobs, job, owner, end, JobChange.failure("tests failed"));
      case TIMED_OUT -> move(jobs, job, owner, end, JobChange.failure("turn timed out"));
      case NEEDS_INPUT -> move(jobs, job, owner, end, JobChange.question("Which colour?"));
      case CANCELLED -> move(jobs, job, owner, end, JobChange.failure("a person cancelled it"));
      default -> throw new IllegalArgumentException("not an ending: " + end);
    }
    return job.id();
  }

  private static void move(JobStore jobs, Job job, String owner, JobState to, JobChange change) {
    String message =
        switch (to) {
          case FAILED -> "tests failed";
          case NEEDS_INPUT -> "the agent asks: Which colour?";
          default -> "to " + to;
        };
    if (!jobs.transition(job.id(), owner, to, message, change, Instant.now())) {
      throw new AssertionError("job " + job.id() + " did not move to " + to);
    }
  }

  static HttpResponse<String> post(int port, String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET /api/webhooks/deliveries} + {@code query}: the deliveries array. */
  static JsonNode deliveries(int port, String query) throws Exception {
    HttpResponse<String> response = get(port, "/api/webhooks/deliveries" + query);
    if (response.statusCode() != 200) {
      throw new AssertionError(response.statusCode() + " " + response.body());
    }
    return Http.JSON.readTree(response.body()).path("deliveries");
  }

  static JsonNode json(byte[] body) {
    try {
      return Http.JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
