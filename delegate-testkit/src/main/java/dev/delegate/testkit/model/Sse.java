package dev.delegate.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events, flushing after each so the CLI sees them as a stream. */
final class Sse {
  private final OutputStream out;
  private final ObjectMapper json;

  Sse(OutputStream out, ObjectMapper json) {
    this.out = out;
    this.json = json;
  }

  void event(String name, JsonNode data) throws IOException {
    String frame = "event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n";
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** An event without a name, as the Gemini API sends them. */
  void data(JsonNode data) throws IOException {
    out.write(
        ("data: " + json.writeValueAsString(data) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
