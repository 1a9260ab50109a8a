package dev.delegate.server.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on a loopback port, as a person would write one: it verifies each request's
 * signature with the secret over the exact body bytes and records what came. {@code answer} gives
 * the status for the n-th request (from 1) of one delivery id.
 */
final class Receiver implements AutoCloseable {
  /** One request as received. */
  record Request(
      String event,
      String deliveryId,
      String signature,
      String userAgent,
      String contentType,
      byte[] body,
      boolean signatureValid,
      int answered) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> perDelivery = new ConcurrentHashMap<>();
  private final HttpServer server;

  private Receiver(HttpServer server) {
    this.server = server;
  }

  /** A port nobody listens on now, for a receiver that comes up later. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static Receiver start(int port, String secret, IntUnaryOperator answer) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    Receiver receiver = new Receiver(server);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          String id = exchange.getRequestHeaders().getFirst("X-Delegate-Delivery");
          String signature = exchange.getRequestHeaders().getFirst("X-Delegate-Signature-256");
          int nth =
              receiver
                  .perDelivery
                  .computeIfAbsent(String.valueOf(id), k -> new AtomicInteger())
                  .incrementAndGet();
          int status = answer.applyAsInt(nth);
          receiver.requests.add(
              new Request(
                  exchange.getRequestHeaders().getFirst("X-Delegate-Event"),
                  id,
                  signature,
                  exchange.getRequestHeaders().getFirst("User-Agent"),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  body,
                  verify(body, signature, secret),
                  status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return receiver;
  }

  static Receiver start(String secret) throws IOException {
    return start(0, secret, n -> 200);
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/hooks/delegate";
  }

  /** The requests answered with a 2xx. */
  List<Request> acknowledged() {
    return requests.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
  }

  /** What the receiver's documentation says to do: HMAC the raw body, compare in constant time. */
  static boolean verify(byte[] body, String header, String secret) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal(body);
      byte[] given = HexFormat.of().parseHex(header.substring("sha256=".length()));
      return MessageDigest.isEqual(expected, given);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
