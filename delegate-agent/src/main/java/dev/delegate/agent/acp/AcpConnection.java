package dev.delegate.agent.acp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC 2.0 over an agent process's standard input and output, one message per line. Requests
 * sent get a future of their result; messages from the agent (its requests, notifications and
 * anything malformed) go to the {@link Handler} on the reading thread, in order.
 */
final class AcpConnection {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(AcpConnection.class);
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What the agent sends besides responses to our requests. */
  interface Handler {
    /** Every line as it came, before it is read. */
    void received(String line);

    /** Every line we send, as sent. */
    void sent(String line);

    void request(JsonNode id, String method, JsonNode params);

    void notification(String method, JsonNode params);

    /** A line that is not JSON-RPC, or a response to no request of ours. */
    void protocolError(String problem);

    /** The agent closed its output (it exited, or is about to). */
    void closed();
  }

  private final OutputStream input;
  private final Handler handler;
  private final AtomicLong nextId = new AtomicLong();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(String method, CompletableFuture<JsonNode> result) {}

  AcpConnection(OutputStream input, Handler handler) {
    this.input = input;
    this.handler = handler;
  }

  /** Reads the agent's output until it ends; run on a thread of its own. */
  void readLoop(java.io.InputStream output) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          handler.received(line);
          try {
            dispatch(line);
          } catch (RuntimeException e) {
            // our own handling failed (a write to an agent that just died): the next line decides
            LOG.warn("handling a message from the agent failed: {}", e.toString());
          }
        }
      }
    } catch (IOException e) {
      // the process went away; closed() says so
    } finally {
      handler.closed();
    }
  }

  /** Sends a request; the future completes with its result, or fails with {@link AcpError}. */
  CompletableFuture<JsonNode> request(String method, JsonNode params) {
    long id = nextId.getAndIncrement();
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.put(id, new Pending(method, result));
    ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0").put("id", id);
    message.put("method", method).set("params", params);
    try {
      send(message);
    } catch (UncheckedIOException e) {
      pending.remove(id);
      result.completeExceptionally(
          new AcpError(method, "cannot write to the agent: " + e.getCause().getMessage()));
    }
    return result;
  }

  void notify(String method, JsonNode params) {
    ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0").put("method", method);
    message.set("params", params);
    send(message);
  }

  void respond(JsonNode id, JsonNode result) {
    ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0");
    message.set("id", id);
    message.set("result", result);
    send(message);
  }

  void respondError(JsonNode id, int code, String text) {
    ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0");
    message.set("id", id);
    message.putObject("error").put("code", code).put("message", text);
    send(message);
  }

  /** Fails every request still waiting for its response. */
  void failAll(Throwable reason) {
    for (Long id : java.util.List.copyOf(pending.keySet())) {
      Pending waiting = pending.remove(id);
      if (waiting != null) {
        waiting.result.completeExceptionally(reason);
      }
    }
  }

  private void send(ObjectNode message) {
    String line;
    try {
      line = JSON.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    handler.sent(line);
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (input) {
      try {
        input.write(bytes);
        input.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void dispatch(String line) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      handler.protocolError("a line that is not JSON: " + shorten(line));
      return;
    }
    if (!message.isObject()) {
      handler.protocolError("a message that is not a JSON object: " + shorten(line));
      return;
    }
    JsonNode method = message.get("method");
    JsonNode id = message.get("id");
    if (method != null && method.isTextual()) {
      JsonNode params = message.path("params");
      if (id == null || id.isNull()) {
        handler.notification(method.asText(), params);
      } else {
        handler.request(id, method.asText(), params);
      }
      return;
    }
    if (id == null || !id.canConvertToLong() || !(message.has("result") || message.has("error"))) {
      handler.protocolError("a message that is neither request nor response: " + shorten(line));
      return;
    }
    Pending waiting = pending.remove(id.asLong());
    if (waiting == null) {
      handler.protocolError("a response to no request of ours (id " + id + ")");
      return;
    }
    JsonNode error = message.get("error");
    if (error != null && !error.isNull()) {
      waiting.result.completeExceptionally(
          new AcpError(
              waiting.method,
              error.path("code").asInt() + " " + error.path("message").asText("(no message)")));
    } else {
      waiting.result.complete(message.get("result"));
    }
  }

  static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  /** The agent answered a request with an error, or the request could not be sent. */
  static final class AcpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AcpError(String method, String detail) {
      super(method + " failed: " + detail, null, false, false);
    }
  }
}
