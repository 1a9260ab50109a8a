package dev.delegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.http.EventStream;
import dev.delegate.server.http.Http;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows one job until it settles, over its event stream ({@code GET /api/jobs/{id}/events}), and
 * hands each version of the job it hears of to a consumer. When the stream breaks or goes silent
 * for {@link #SILENCE}, it is opened again at once with the last event's id ({@code
 * Last-Event-ID}): the server sends the job again only if it changed meanwhile. When the stream
 * cannot be opened, the job is read once ({@code GET /api/jobs/{id}}), so a final state reached
 * meanwhile is not lost, and the stream is tried again after {@link #RECONNECT}. A server without
 * the stream (404 for it while the job reads fine) is read every {@link #POLL} instead.
 */
public final class JobFollower {
  /** Between reads of a server that cannot stream the job. */
  static final Duration POLL = Duration.ofMillis(300);

  /** Before the stream is opened again after it broke. */
  static final Duration RECONNECT = Duration.ofSeconds(1);

  /** Three of the server's heartbeats: a stream this quiet is taken for broken. */
  static final Duration SILENCE = Duration.ofSeconds(45);

  /** For a follower that waits as long as the job takes. */
  public static final Duration NO_LIMIT = Duration.ofDays(3650);

  /** When following ends. */
  public enum Until {
    /** Nobody works on the job: it ended, or it waits for a person's answer (NEEDS_INPUT). */
    SETTLED("settled"),
    /** The job ended; a question only pauses it. */
    FINAL("final");

    private final String query;

    Until(String query) {
      this.query = query;
    }

    boolean reached(String state) {
      return !Exit.isActive(state) && (this == SETTLED || !state.equals("NEEDS_INPUT"));
    }
  }

  /** How following ended. */
  public sealed interface Outcome {
    /** The job reached what was waited for. */
    record Settled(JsonNode job) implements Outcome {}

    /** The time ran out; the job as last seen. */
    record StillGoing(JsonNode job) implements Outcome {}

    /** The job could not be read (unknown, or the server refused). */
    record Unreadable(ApiClient.Response answer) implements Outcome {}
  }

  private final ApiClient client;
  private final Consumer<JsonNode> seen;
  private int reads;
  private String lastEventId = "";

  /** The stream that just ended had sent a job: it is opened again at once where it broke. */
  private boolean broke;

  private boolean heard;

  /**
   * @param seen told each version of the job heard of, in order; the same version may come twice
   */
  public JobFollower(ApiClient client, Consumer<JsonNode> seen) {
    this.client = client;
    this.seen = seen;
  }

  /** The job's state changes, oldest first: the events of its log that are not notes. */
  public static List<JsonNode> stateChanges(JsonNode job) {
    List<JsonNode> changes = new ArrayList<>();
    for (JsonNode event : job.path("events")) {
      if (!event.path("note").asBoolean()) {
        changes.add(event);
      }
    }
    return changes;
  }

  /** How many times the job was read outside its stream, so far. */
  public int reads() {
    return reads;
  }

  /** Follows {@code jobId} until {@code until} or for at most {@code max}. */
  public Outcome follow(String jobId, Until until, Duration max)
      throws ApiClient.CannotConnect, InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    String path = "/api/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8);
    boolean streams = true;
    while (true) {
      if (streams) {
        broke = false;
        heard = false;
        try (EventStream events =
            client.stream(path + "/events?until=" + until.query, lastEventId)) {
          if (events.status() == 200) {
            Optional<JsonNode> settled = read(events, until, deadline);
            if (settled.isPresent()) {
              return new Outcome.Settled(settled.get());
            }
          } else if (events.status() == 404) {
            streams = false; // an older server, or an unknown job: the read below tells
          }
        } catch (IOException notOpened) {
          // the server cannot be reached or did not answer: read the job once, then try again
        }
        if (broke && System.nanoTime() < deadline) {
          continue; // it went on streaming a while: open it again where it broke
        }
      }
      ApiClient.Response answer = client.get(path);
      if (answer.status() != 200) {
        return new Outcome.Unreadable(answer);
      }
      reads++;
      JsonNode job = answer.json();
      seen.accept(job);
      if (until.reached(job.path("state").asText())) {
        return new Outcome.Settled(job);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return new Outcome.StillGoing(job);
      }
      Thread.sleep(Math.min(left / 1_000_000 + 1, (streams ? RECONNECT : POLL).toMillis()));
    }
  }

  /**
   * Reads {@code job} events until one shows the job settled (returned), the stream's {@code end},
   * or the deadline (both empty: the caller reads the job).
   *
   * @throws IOException when the stream broke or went silent
   */
  private Optional<JsonNode> read(EventStream events, Until until, long deadline)
      throws IOException, InterruptedException {
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      Optional<EventStream.Event> event;
      try {
        event = events.next(Duration.ofNanos(Math.min(left, SILENCE.toNanos())));
      } catch (IOException e) {
        broke = heard;
        throw e;
      }
      if (event.isEmpty()) {
        if (deadline - System.nanoTime() <= 0) {
          return Optional.empty();
        }
        broke = heard;
        throw new IOException("nothing heard for " + SILENCE.toSeconds() + " s");
      }
      switch (event.get().name()) {
        case "job" -> {
          lastEventId = event.get().id();
          heard = true;
          JsonNode job = Http.JSON.readTree(event.get().data());
          seen.accept(job);
          if (until.reached(job.path("state").asText())) {
            return Optional.of(job);
          }
        }
        case "end" -> {
          return Optional.empty();
        }
        default -> {
          // an event this client does not know: later servers may add some
        }
      }
    }
  }
}
