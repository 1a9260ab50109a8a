package dev.delegate.server.processor;

import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.Sse;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /api/jobs/{id}/events}: one job as it changes. An event {@code job} carries the job as
 * {@code GET /api/jobs/{id}} shows it, at once and after each change; when the job settles (a final
 * state, or {@code NEEDS_INPUT}, or with {@code ?until=final} only a final state) an event {@code
 * end} {@code {"jobId","state"}} follows and the stream closes.
 *
 * <p>Changes are noticed when the store tells them: on H2 those this node commits; on PostgreSQL
 * those any node commits ({@code LISTEN/NOTIFY}), and a gap in that feed reads the job again at
 * once. What is not a state change (a note, a cancel request), or a write no feed told, is caught
 * by reading the job again every {@link #CROSS_NODE_FALLBACK}.
 */
final class JobStream {
  /**
   * How often the job is read again without a notification: the latest a note, a cancel request, or
   * a change no feed told shows on this node's streams.
   */
  static final Duration CROSS_NODE_FALLBACK = Duration.ofSeconds(2);

  private final Sse.Hub hub;
  private final ObservableJobStore jobs;
  private final Clock clock;

  JobStream(Sse.Hub hub, ObservableJobStore jobs, Clock clock) {
    this.hub = hub;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** When a stream ends: what a follower waits for. */
  enum Until {
    /** Nobody works on the job: it ended, or waits for a person's answer. */
    SETTLED,
    /** The job ended; a question only pauses it. */
    FINAL;

    static Until of(String query) {
      if (query == null || query.equals("settled")) {
        return SETTLED;
      }
      if (query.equals("final")) {
        return FINAL;
      }
      throw ApiException.badRequest(
          "invalid_until", "'until' is 'settled' (the default) or 'final', not '" + query + "'");
    }

    boolean reached(JobState state) {
      return state.isFinal() || (this == SETTLED && state == JobState.NEEDS_INPUT);
    }
  }

  void handle(Context ctx) {
    String id = ctx.pathParam("id");
    Until until = Until.of(ctx.queryParam("until"));
    if (jobs.find(id).isEmpty()) {
      throw new ApiException(404, "job_not_found", "no job " + id);
    }
    Optional<String> seen = Sse.lastEventId(ctx);
    hub.stream(ctx, stream -> run(stream, id, until, seen));
  }

  private void run(Sse.Stream stream, String id, Until until, Optional<String> seen) {
    // Subscribed before the first read, so a change committed in between wakes the loop.
    try (ObservableJobStore.Subscription subscription =
        jobs.subscribe(
            new ObservableJobStore.Listener() {
              @Override
              public void changed(ObservableJobStore.StateChange change) {
                if (change.jobId().equals(id)) {
                  stream.wake();
                }
              }

              @Override
              public void missed() {
                stream.wake(); // the feed had a gap: read the job again now
              }
            })) {
      Map<String, Object> sent = null;
      boolean first = true;
      while (stream.open()) {
        Optional<Job> job = jobs.find(id);
        if (job.isEmpty()) {
          return; // gone from the store: nothing more will happen to it
        }
        List<JobEvent> events = jobs.events(id);
        Map<String, Object> body =
            JobJson.of(job.get(), events, jobs.criteria(id), clock.instant());
        Map<String, Object> shown = withoutClock(body);
        String eventId = eventId(events, shown);
        if (first && seen.filter(eventId::equals).isPresent()) {
          sent = shown; // a client that reconnects already has the job as it is
        }
        first = false;
        if (!shown.equals(sent)) {
          stream.send("job", body, eventId);
          sent = shown;
        }
        if (until.reached(job.get().state())) {
          Map<String, Object> end = new LinkedHashMap<>();
          end.put("jobId", id);
          end.put("state", job.get().state().name());
          stream.send("end", end);
          stream.close();
          return;
        }
        stream.await(CROSS_NODE_FALLBACK);
        stream.heartbeat();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The id of a {@code job} event: the job's last event in the store's log and a digest of all it
   * shows, so that a reconnecting client is sent the job again exactly when it changed since.
   */
  private static String eventId(List<JobEvent> events, Map<String, Object> shown) {
    long last = events.isEmpty() ? 0 : events.getLast().sequence();
    return last + "-" + Sse.contentId(new TreeMap<>(shown));
  }

  /** The job as sent, minus the time spent in its current state, which grows by itself. */
  private static Map<String, Object> withoutClock(Map<String, Object> body) {
    Map<String, Object> shown = new HashMap<>(body);
    shown.remove("timingsMs");
    return shown;
  }
}
