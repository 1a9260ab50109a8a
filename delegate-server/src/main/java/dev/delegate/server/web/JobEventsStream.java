package dev.delegate.server.web;

import dev.delegate.core.job.EventTail;
import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.Sse;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/events}: every job state change as an event {@code job} {@code
 * {"jobId","state","from","at","seq"}}, made by any node sharing the store, read from the store's
 * event log ({@code job_events}) in order.
 *
 * <p>Each event's id is a position in that log: a client that reconnects with {@code Last-Event-ID}
 * (a browser's {@code EventSource} does by itself) is sent the changes after it, so nothing is lost
 * in between; a change may come twice (its {@code seq} tells), never not at all. A client more than
 * {@value #QUEUE} events behind gets one {@code resync} event instead, and should read {@code
 * /api/tasks} again. Without {@code Last-Event-ID} the stream starts with what happens from now on.
 */
final class JobEventsStream {
  static final int QUEUE = 1024;

  /** How often the log is read when no change was told: the latest another writer shows here. */
  static final Duration FALLBACK = Duration.ofSeconds(1);

  private final Sse.Hub hub;
  private final ObservableJobStore jobs;

  JobEventsStream(Sse.Hub hub, ObservableJobStore jobs) {
    this.hub = hub;
    this.jobs = jobs;
  }

  void handle(Context ctx) {
    Optional<Long> after = Sse.lastEventId(ctx).map(JobEventsStream::position);
    hub.stream(ctx, stream -> run(stream, after));
  }

  private static long position(String lastEventId) {
    try {
      long position = Long.parseLong(lastEventId);
      if (position >= 0) {
        return position;
      }
    } catch (NumberFormatException e) {
      // told below
    }
    throw ApiException.badRequest(
        "invalid_last_event_id",
        "Last-Event-ID is the id of an event this stream sent (a number), not '"
            + lastEventId
            + "'");
  }

  private void run(Sse.Stream stream, Optional<Long> after) {
    // subscribed before the log is first read, so a change committed in between wakes the loop
    try (ObservableJobStore.Subscription subscription =
        jobs.subscribe(
            new ObservableJobStore.Listener() {
              @Override
              public void changed(ObservableJobStore.StateChange change) {
                stream.wake();
              }

              @Override
              public void missed() {
                stream.wake(); // the feed had a gap; the log itself has none
              }
            })) {
      stream.send("hello", Map.of("stream", "events"));
      EventTail tail;
      if (after.isPresent() && jobs.eventsAfter(after.get(), QUEUE + 1).size() > QUEUE) {
        stream.send("resync", Map.of("reason", "too many changes since the last event"));
        tail = EventTail.atEnd(jobs);
      } else {
        tail = after.map(a -> EventTail.after(jobs, a)).orElseGet(() -> EventTail.atEnd(jobs));
      }
      while (stream.open()) {
        List<JobEvent> events = tail.poll();
        if (events.size() > QUEUE) {
          stream.send("resync", Map.of("reason", "too many changes at once"));
        } else {
          long position = tail.position();
          for (JobEvent event : events) {
            if (!event.isNote()) {
              // every event up to the id was sent: see EventTail#position
              long id = Math.min(event.sequence(), position);
              stream.send("job", json(event), Long.toString(id));
            }
          }
        }
        stream.await(FALLBACK);
        stream.heartbeat();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, Object> json(JobEvent event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobId", event.jobId());
    body.put("state", event.to().name());
    body.put("from", event.from().map(Enum::name).orElse(null));
    body.put("at", event.at().toString());
    body.put("seq", event.sequence());
    return body;
  }
}
