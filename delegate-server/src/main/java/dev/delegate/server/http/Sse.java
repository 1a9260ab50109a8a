package dev.delegate.server.http;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Server-sent event streams: each runs on its own (virtual) thread until the client goes, which is
 * noticed at the next write; a heartbeat comment is written when nothing else was, so proxies keep
 * the connection open and a closed page frees its subscription within one heartbeat. A stream that
 * follows notifications sleeps in {@link Stream#await} and is woken by {@link Stream#wake}.
 */
public final class Sse {
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  public static final Duration TICK = Duration.ofMillis(500);
  static final Duration STOP_WAIT = Duration.ofSeconds(2);

  private Sse() {}

  /**
   * The streams of one server. When the server stops, every stream ends and its handler returns
   * while the request is still alive ({@link #closeAll}); a handler finishing on a request the
   * server already recycled would make the framework's error handling fail over and over.
   */
  public static final class Hub {
    private final Set<Stream> live = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /**
     * Starts the stream on this request; {@code body} runs until it returns or the client goes. Any
     * client gets the stream, whatever it accepts (a plain {@code curl -N} too): the framework's
     * own handler answers an empty {@code 200} to a request that does not ask for {@code
     * text/event-stream}.
     */
    public void stream(Context ctx, Consumer<Stream> body) {
      HttpServletResponse response = ctx.res();
      response.setStatus(200);
      response.setCharacterEncoding("UTF-8");
      response.setContentType("text/event-stream");
      response.addHeader("Connection", "close");
      response.addHeader("Cache-Control", "no-cache");
      response.addHeader("X-Accel-Buffering", "no");
      try {
        response.flushBuffer();
      } catch (IOException e) {
        return; // the client went already
      }
      ctx.async(
          config -> config.timeout = 0,
          () -> {
            Stream stream = new Stream(new SseClient(ctx), this);
            live.add(stream);
            try {
              if (!stopping) {
                body.accept(stream);
              }
            } catch (RuntimeException e) {
              stream.broken = true; // the client went while we wrote; nothing to tell it
            } finally {
              live.remove(stream);
              stream.finished.countDown();
            }
          });
    }

    /**
     * Ends every stream (waking those that wait) and waits briefly for their handlers to return.
     */
    public void closeAll() {
      stopping = true;
      List<Stream> streams = List.copyOf(live);
      streams.forEach(
          s -> {
            s.broken = true;
            s.wake();
          });
      long deadline = System.nanoTime() + STOP_WAIT.toNanos();
      for (Stream stream : streams) {
        try {
          stream.finished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** One client's stream. */
  public static final class Stream {
    private final SseClient client;
    private final Hub hub;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Semaphore woken = new Semaphore(0);
    private volatile boolean broken;
    private long lastWrite = System.nanoTime();

    Stream(SseClient client, Hub hub) {
      this.client = client;
      this.hub = hub;
    }

    public boolean open() {
      return !broken && !hub.stopping && !client.terminated();
    }

    public void send(String event, Object data) {
      if (open()) {
        write(() -> client.sendEvent(event, json(data)));
      }
    }

    /**
     * Sends an event with an id: a client that reconnects (a browser's {@code EventSource} does so
     * by itself) sends the last id it got as {@code Last-Event-ID}, and the stream goes on from
     * there.
     */
    public void send(String event, Object data, String id) {
      if (open()) {
        write(() -> client.sendEvent(event, json(data), id));
      }
    }

    /** Sends an event whose data is JSON text already, as it is (an event relayed from afar). */
    public void sendJson(String event, String json) {
      if (open()) {
        write(() -> client.sendEvent(event, json));
      }
    }

    /** Writes a comment when nothing was written for a heartbeat. */
    public void heartbeat() {
      if (open() && System.nanoTime() - lastWrite >= HEARTBEAT.toNanos()) {
        write(() -> client.sendComment("heartbeat"));
      }
    }

    /** A write that fails (the client or the server went) ends the stream instead of throwing. */
    private void write(Runnable write) {
      try {
        write.run();
        lastWrite = System.nanoTime();
      } catch (RuntimeException e) {
        broken = true;
      }
    }

    public void close() {
      client.close();
    }

    /**
     * Wakes the stream's {@link #await}, now or at its next call; any thread may call it, it never
     * blocks. Several wakes before the stream looks count as one.
     */
    public void wake() {
      if (woken.availablePermits() == 0) {
        woken.release();
      }
    }

    /**
     * Sleeps until {@link #wake} (or a wake since the last call) or for at most {@code max}.
     *
     * @return whether it was woken
     */
    public boolean await(Duration max) throws InterruptedException {
      boolean woke = woken.tryAcquire(max.toNanos(), TimeUnit.NANOSECONDS);
      woken.drainPermits();
      return woke;
    }
  }

  /** The id of the last event a reconnecting client got, if it says ({@code Last-Event-ID}). */
  public static Optional<String> lastEventId(Context ctx) {
    String id = ctx.header("Last-Event-ID");
    return id == null || id.isBlank() ? Optional.empty() : Optional.of(id.strip());
  }

  /**
   * An id that names a snapshot's content: a stream of snapshots gives each the id of what it
   * shows, so a client that reconnects with the id of what it shows now is not sent it again.
   */
  public static String contentId(Object key) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(String.valueOf(key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
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
