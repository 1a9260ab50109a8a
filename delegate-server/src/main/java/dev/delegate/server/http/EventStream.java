package dev.delegate.server.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent event stream as it arrives: the answer's status first, then one {@link Event} per
 * {@code event:}/{@code data:} block ({@code :} comments such as heartbeats are skipped). Lines are
 * pushed by the HTTP client into a queue, so a reader can wait for the next event with a limit and
 * give up on a stream that went silent; {@link #close} drops the connection.
 */
public final class EventStream implements AutoCloseable {
  /**
   * One event: its name ({@code message} when the server gave none), its data lines joined, and the
   * stream's last event id as of this event (empty while the server gave none).
   */
  public record Event(String name, String data, String id) {}

  private sealed interface Item {}

  private record Status(int code) implements Item {}

  private record Line(String text) implements Item {}

  private record Ended(Optional<Throwable> failure) implements Item {
    IOException asException() {
      return failure
          .map(f -> f instanceof IOException io ? io : new IOException(f.toString(), f))
          .orElseGet(() -> new EOFException("the server ended the stream"));
    }
  }

  private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private CompletableFuture<?> exchange = CompletableFuture.completedFuture(null);
  private int status;
  private String lastEventId = "";

  /** The handler that feeds this stream; pass it to {@code HttpClient.sendAsync}. */
  public HttpResponse.BodyHandler<Void> handler() {
    return info -> {
      items.add(new Status(info.statusCode()));
      return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
    };
  }

  /** The answer's status, once {@link #open} returned. */
  public int status() {
    return status;
  }

  /** Waits for the answer's status (at most {@code max}); the exchange is the one sent. */
  public int open(CompletableFuture<?> sent, Duration max)
      throws IOException, InterruptedException {
    this.exchange = sent;
    var unused =
        sent.whenComplete(
            (response, failure) -> {
              if (failure != null) {
                items.add(new Ended(Optional.of(unwrap(failure))));
              }
            });
    Item first = items.poll(max.toNanos(), TimeUnit.NANOSECONDS);
    switch (first) {
      case Status s -> status = s.code();
      case Ended e -> throw e.asException();
      case null -> throw new IOException("no answer within " + max.toSeconds() + " s");
      case Line l -> throw new IllegalStateException("bug: a body line before the status");
    }
    return status;
  }

  /**
   * The next event, or empty when none came within {@code max}.
   *
   * @throws IOException when the stream ended or broke
   */
  public Optional<Event> next(Duration max) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    String name = null;
    StringBuilder data = null;
    while (true) {
      Item item = items.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      switch (item) {
        case null -> {
          return Optional.empty();
        }
        case Ended e -> {
          items.add(e); // every later call ends the same way
          throw e.asException();
        }
        case Status s -> throw new IllegalStateException("bug: a second status");
        case Line l when l.text().isEmpty() -> {
          if (data != null) {
            return Optional.of(
                new Event(name == null ? "message" : name, data.toString(), lastEventId));
          }
          name = null;
        }
        case Line l when l.text().startsWith(":") -> {
          // a comment, e.g. the server's heartbeat
        }
        case Line l -> {
          String text = l.text();
          int colon = text.indexOf(':');
          String field = colon < 0 ? text : text.substring(0, colon);
          String value = colon < 0 ? "" : text.substring(colon + 1);
          value = value.startsWith(" ") ? value.substring(1) : value;
          if (field.equals("event")) {
            name = value;
          } else if (field.equals("id") && !value.contains("\0")) {
            lastEventId = value;
          } else if (field.equals("data")) {
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          }
        }
      }
    }
  }

  @Override
  public void close() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    exchange.cancel(true);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /** Hands each line of the body to the queue. */
  private final class Lines implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      items.add(new Line(line));
    }

    @Override
    public void onError(Throwable failure) {
      items.add(new Ended(Optional.of(failure)));
    }

    @Override
    public void onComplete() {
      items.add(new Ended(Optional.empty()));
    }
  }
}
