package dev.delegate.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.node.NodeRecord;
import dev.delegate.server.http.EventStream;
import dev.delegate.server.http.Http;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Follows another node's pool: its {@code GET /api/workers/events} through the {@link Relay}, on a
 * virtual thread of its own, keeping the latest {@code workers} body and telling {@code changed} of
 * each; when the node cannot be reached or refuses, says why ({@link #problem}) and tries again
 * every {@link #RETRY} until closed.
 */
final class PoolFollower implements AutoCloseable {
  static final Duration RETRY = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Relay relay;
  private final NodeRecord node;
  private final Runnable changed;
  private final Thread thread;
  private volatile Optional<JsonNode> latest = Optional.empty();
  private volatile Optional<String> problem = Optional.empty();
  private volatile boolean closed;
  private volatile EventStream current;

  PoolFollower(Relay relay, NodeRecord node, Runnable changed) {
    this.relay = relay;
    this.node = node;
    this.changed = changed;
    this.thread = Thread.ofVirtual().name("workers-of-" + node.id()).start(this::run);
  }

  /** The node's latest {@code workers} body, while it is followed. */
  Optional<JsonNode> latest() {
    return latest;
  }

  /** Why the node's workers are not known now, if they are not. */
  Optional<String> problem() {
    return problem;
  }

  /** Whether something was heard from the node (its workers or a failure) since it was followed. */
  boolean heard() {
    return latest.isPresent() || problem.isPresent();
  }

  private void run() {
    while (!closed) {
      try (EventStream events = relay.open(node, "/api/workers/events")) {
        current = events;
        if (events.status() != 200) {
          failed(Relay.refusal(node.id(), events.status()));
        } else {
          while (!closed) {
            Optional<EventStream.Event> event = events.next(WAIT);
            if (event.isPresent() && event.get().name().equals("workers")) {
              latest = Optional.of(Http.JSON.readTree(event.get().data()));
              problem = Optional.empty();
              changed.run();
            }
          }
        }
      } catch (IOException e) {
        failed("cannot follow node " + node.id() + ": " + e.getMessage());
      } catch (InterruptedException e) {
        return; // closed
      }
      try {
        Thread.sleep(RETRY);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void failed(String why) {
    if (!closed) {
      latest = Optional.empty();
      problem = Optional.of(why);
      changed.run();
    }
  }

  /** Stops following: the connection is dropped and the thread ends. */
  @Override
  public void close() {
    closed = true;
    EventStream events = current;
    if (events != null) {
      events.close();
    }
    thread.interrupt(); // only this follower's own thread, which never touches the store
  }
}
