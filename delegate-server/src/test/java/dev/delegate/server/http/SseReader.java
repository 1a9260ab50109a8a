package dev.delegate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/**
 * Reads a server-sent event stream in the background, as a test wants it: the answer's status, the
 * events so far (data parsed as JSON) and whether the server ended the stream. The body of an
 * answer other than 200 is kept as text.
 */
public final class SseReader implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** One event; {@code id} is empty when the server gave none. */
  public record Event(String name, JsonNode data, String id) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final StringBuilder body = new StringBuilder();
  private final CompletableFuture<HttpResponse<Void>> exchange;
  private volatile int status;
  private volatile boolean ended;
  private volatile Flow.Subscription subscription;
  private String name;
  private StringBuilder data;
  private String id = "";

  private SseReader(URI uri, String token) {
    this(uri, token, Map.of("Accept", "text/event-stream"));
  }

  private SseReader(URI uri, String token, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    headers.forEach(request::header);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    exchange =
        CLIENT.sendAsync(
            request.build(),
            info -> {
              status = info.statusCode();
              return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
            });
  }

  /** Starts reading {@code uri}; returns at once. */
  public static SseReader open(URI uri) {
    return new SseReader(uri, null);
  }

  /** Starts reading {@code uri} with {@code Authorization: Bearer <token>}; returns at once. */
  public static SseReader open(URI uri, String token) {
    return new SseReader(uri, token);
  }

  /**
   * Starts reading {@code uri} with exactly these request headers (no {@code Accept} unless given)
   * and the token, if any; returns at once.
   */
  public static SseReader open(URI uri, String token, Map<String, String> headers) {
    return new SseReader(uri, token, headers);
  }

  /** The id of the last event that had one; empty before. */
  public String lastEventId() {
    List<Event> all = events();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (!all.get(i).id().isEmpty()) {
        return all.get(i).id();
      }
    }
    return "";
  }

  /** The answer's status; 0 until it came. */
  public int status() {
    return status;
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  /** The events named {@code name}, in order. */
  public List<JsonNode> data(String name) {
    return events.stream().filter(e -> e.name().equals(name)).map(Event::data).toList();
  }

  /** Whether the server ended the stream (or the answer, for a status other than 200). */
  public boolean ended() {
    return ended;
  }

  public synchronized String body() {
    return body.toString();
  }

  @Override
  public void close() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    exchange.cancel(true);
  }

  private synchronized void line(String line) {
    if (status != 200) {
      body.append(line).append('\n');
    } else if (line.isEmpty()) {
      if (data != null) {
        try {
          events.add(
              new Event(name == null ? "message" : name, Http.JSON.readTree(data.toString()), id));
        } catch (IOException e) {
          throw new UncheckedIOException("not JSON: " + data, e);
        }
      }
      name = null;
      data = null;
      id = "";
    } else if (line.startsWith("id:")) {
      id = line.substring("id:".length()).strip();
    } else if (line.startsWith("event:")) {
      name = line.substring("event:".length()).strip();
    } else if (line.startsWith("data:")) {
      String value = line.substring("data:".length()).strip();
      data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
    }
  }

  private final class Lines implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      line(line);
    }

    @Override
    public void onError(Throwable failure) {
      ended = true;
    }

    @Override
    public void onComplete() {
      ended = true;
    }
  }
}
