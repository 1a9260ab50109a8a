package dev.delegate.server.web;

import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.core.job.ObservableJobStore.StateChange;
import dev.delegate.server.http.Sse;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /api/events}: every job state change as an event {@code job} {@code
 * {"jobId","state","at"}}. A client that falls more than {@value #QUEUE} changes behind gets one
 * {@code resync} event instead of the changes it missed, and should read {@code /api/tasks} again.
 */
final class JobEventsStream {
  static final int QUEUE = 1024;

  private final Sse.Hub hub;
  private final ObservableJobStore jobs;

  JobEventsStream(Sse.Hub hub, ObservableJobStore jobs) {
    this.hub = hub;
    this.jobs = jobs;
  }

  void handle(Context ctx) {
    hub.stream(ctx, this::run);
  }

  private void run(Sse.Stream stream) {
    BlockingQueue<StateChange> queue = new ArrayBlockingQueue<>(QUEUE);
    AtomicBoolean overflowed = new AtomicBoolean();
    try (ObservableJobStore.Subscription subscription =
        jobs.subscribe(
            change -> {
              if (!queue.offer(change)) {
                overflowed.set(true);
              }
            })) {
      stream.send("hello", Map.of("stream", "events"));
      while (stream.open()) {
        StateChange change = queue.poll(Sse.TICK.toMillis(), TimeUnit.MILLISECONDS);
        if (overflowed.getAndSet(false)) {
          queue.clear();
          stream.send("resync", Map.of("reason", "too many changes at once"));
        } else if (change != null) {
          stream.send("job", json(change));
        } else {
          stream.heartbeat();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, Object> json(StateChange change) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobId", change.jobId());
    body.put("state", change.state().name());
    body.put("at", change.at().toString());
    return body;
  }
}
