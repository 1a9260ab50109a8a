package dev.delegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.delegate.server.http.EventStream;
import dev.delegate.server.http.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Talks to a running Delegate over HTTP: JSON in, status and body out. */
public final class ApiClient {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);

  private final URI base;
  private final Optional<String> token;

  public ApiClient(URI base) {
    this(base, Optional.empty());
  }

  /** A client that sends {@code Authorization: Bearer <token>} with every request when given. */
  public ApiClient(URI base, Optional<String> token) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.token = token;
  }

  /** An answer: its status, its body as text and, when it is JSON, parsed. */
  public record Response(int status, String text, JsonNode json) {
    /** {@code error.message} of an error body, else the text; how to send a token on a 401. */
    public String errorMessage() {
      JsonNode message = json.path("error").path("message");
      String text = message.isTextual() ? message.asText() : this.text.strip();
      return status == 401
          ? text + "; set DELEGATE_TOKEN (or --token) to the server's token"
          : text;
    }
  }

  /** The server could not be reached at all. */
  public static final class CannotConnect extends Exception {
    private static final long serialVersionUID = 1L;

    CannotConnect(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public URI base() {
    return base;
  }

  public Response get(String path) throws CannotConnect, InterruptedException {
    return send(HttpRequest.newBuilder(resolve(path)).GET());
  }

  public Response post(String path, Object body) throws CannotConnect, InterruptedException {
    try {
      String json = Http.JSON.writeValueAsString(body);
      return send(
          HttpRequest.newBuilder(resolve(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("bug: request body not serializable", e);
    }
  }

  /**
   * Opens a server-sent event stream: returns once the answer's status is known ({@link
   * EventStream#open}); the caller closes it.
   *
   * @throws IOException when the server could not be reached or did not answer in time
   */
  EventStream stream(String path) throws IOException, InterruptedException {
    return stream(path, "");
  }

  /**
   * Opens a stream again after it broke: {@code lastEventId} (when not empty) tells the server the
   * last event this client got, so that it sends what came after.
   */
  EventStream stream(String path, String lastEventId) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(resolve(path)).header("Accept", "text/event-stream").GET();
    if (!lastEventId.isEmpty()) {
      request.header("Last-Event-ID", lastEventId);
    }
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    EventStream stream = new EventStream();
    try {
      stream.open(CLIENT.sendAsync(request.build(), stream.handler()), ANSWER_WITHIN);
      return stream;
    } catch (IOException | InterruptedException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  private URI resolve(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  private Response send(HttpRequest.Builder request) throws CannotConnect, InterruptedException {
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<String> response;
    try {
      response =
          CLIENT.send(request.timeout(ANSWER_WITHIN).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CannotConnect(
          "cannot reach Delegate at "
              + base
              + " ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "); is it running? Start it with: bin/delegate serve",
          e);
    }
    JsonNode json;
    try {
      json = Http.JSON.readTree(response.body());
      if (json == null) {
        json = NullNode.getInstance();
      }
    } catch (IOException e) {
      json = NullNode.getInstance();
    }
    return new Response(response.statusCode(), response.body(), json);
  }
}
