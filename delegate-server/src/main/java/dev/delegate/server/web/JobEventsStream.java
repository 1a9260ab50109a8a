package dev.delegate.server.web;

import dev.delegate.core.job.JobState;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.core.job.ObservableJobStore.StateChange;
import dev.delegate.server.http.Sse;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /api/events}: every job state change as an event {@code job} {@code
 * {"jobId","state","at"}}, made by any node sharing the store. A client that falls more than
 * {@value #QUEUE} changes behind, or whose changes the store's feed may have lost (its connection
 * broke a while), gets one {@code resync} event instead, and should read {@code /api/tasks} again.
 */
final class JobEventsStream {
  static final int QUEUE = 1024;

  /** Wakes the stream when the change feed had a gap. */
  private static final StateChange GAP = new StateChange("", JobState.QUEUED, Instant.EPOCH);

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
    AtomicBoolean gap = new AtomicBoolean();
    try (ObservableJobStore.Subscription subscription =
        jobs.subscribe(
            new ObservableJobStore.Listener() {
              @Override
              public void changed(StateChange change) {
                if (!queue.offer(change)) {
                  overflowed.set(true);
                }
              }

              @Override
              public void missed() {
                gap.set(true); // the store's change feed broke a while: the page reads again
                queue.offer(GAP);
              }
            })) {
      stream.send("hello", Map.of("stream", "events"));
      while (stream.open()) {
        StateChange change = queue.poll(Sse.TICK.toMillis(), TimeUnit.MILLISECONDS);
        if (overflowed.getAndSet(false)) {
          queue.clear();
          stream.send("resync", Map.of("reason", "too many changes at once"));
        } else if (gap.getAndSet(false)) {
          queue.clear();
          stream.send("resync", Map.of("reason", "changes may have been missed"));
        } else if (change != null && !change.jobId().isEmpty()) { // GAP only wakes the loop
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
