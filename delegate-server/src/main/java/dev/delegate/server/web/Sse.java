package dev.delegate.server.web;

import dev.delegate.server.http.Http;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Server-sent event streams: each runs on its own (virtual) thread until the client goes, which is
 * noticed at the next write; a heartbeat comment is written when nothing else was, so proxies keep
 * the connection open and a closed page frees its subscription within one heartbeat.
 */
final class Sse {
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  static final Duration TICK = Duration.ofMillis(500);

  private Sse() {}

  /** Starts the stream on this request; {@code body} runs until it returns or the client goes. */
  static void stream(Context ctx, Consumer<Stream> body) {
    new SseHandler(client -> body.accept(new Stream(client))).handle(ctx);
  }

  /** One client's stream. */
  static final class Stream {
    private final SseClient client;
    private long lastWrite = System.nanoTime();

    Stream(SseClient client) {
      this.client = client;
    }

    boolean open() {
      return !client.terminated();
    }

    void send(String event, Object data) {
      if (open()) {
        client.sendEvent(event, json(data));
        lastWrite = System.nanoTime();
      }
    }

    /** Writes a comment when nothing was written for a heartbeat. */
    void heartbeat() {
      if (open() && System.nanoTime() - lastWrite >= HEARTBEAT.toNanos()) {
        client.sendComment("heartbeat");
        lastWrite = System.nanoTime();
      }
    }

    void close() {
      client.close();
    }
  }

  static String json(Object data) {
    try {
      return Http.JSON.writeValueAsString(data);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
