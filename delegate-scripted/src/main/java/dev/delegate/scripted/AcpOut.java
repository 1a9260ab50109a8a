package dev.delegate.scripted;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The ACP side of stdout: one JSON-RPC message per line, written whole and flushed, from any
 * thread. After {@link #hang()} nothing more goes out.
 */
final class AcpOut {
  private final OutputStream out;
  private volatile boolean hung;
  private long nextRequestId;

  AcpOut(OutputStream out) {
    this.out = out;
  }

  static AcpOut stdout() {
    return new AcpOut(new FileOutputStream(FileDescriptor.out));
  }

  void hang() {
    hung = true;
  }

  boolean hung() {
    return hung;
  }

  void result(Object id, Object result) {
    send(Json.object("jsonrpc", "2.0", "id", id, "result", result));
  }

  void error(Object id, int code, String message) {
    send(
        Json.object(
            "jsonrpc", "2.0", "id", id, "error", Json.object("code", code, "message", message)));
  }

  void notify(String method, Object params) {
    send(Json.object("jsonrpc", "2.0", "method", method, "params", params));
  }

  /** A session/update notification. */
  void update(String sessionId, Map<String, Object> update) {
    notify("session/update", Json.object("sessionId", sessionId, "update", update));
  }

  /** A new id for a request of the agent's own: 0, 1, 2… */
  synchronized long nextRequestId() {
    return nextRequestId++;
  }

  void request(long id, String method, Object params) {
    send(Json.object("jsonrpc", "2.0", "id", id, "method", method, "params", params));
  }

  private synchronized void send(Map<String, Object> message) {
    if (hung) {
      return;
    }
    StringBuilder line = new StringBuilder(256);
    Json.write(message, line);
    line.append('\n');
    try {
      out.write(line.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
