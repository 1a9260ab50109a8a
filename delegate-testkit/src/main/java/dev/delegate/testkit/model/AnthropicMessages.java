package dev.delegate.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Anthropic Messages API answers: one assistant message holding a text block or a {@code tool_use}
 * block, as a JSON object or streamed as {@code message_start}, {@code content_block_start}/{@code
 * delta}/{@code stop}, {@code message_delta} (with the stop reason) and {@code message_stop}.
 */
final class AnthropicMessages {
  private final ObjectMapper json;
  private final Ids ids;

  AnthropicMessages(ObjectMapper json, Ids ids) {
    this.json = json;
    this.ids = ids;
  }

  /** The message answering {@code step}; tool calls get a fresh id, reported to {@code calls}. */
  ObjectNode message(String model, Step step, Conversation conversation, Ids.Sink calls) {
    ObjectNode message = json.createObjectNode();
    message.put("id", ids.next("msg_"));
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", model);
    ArrayNode content = message.putArray("content");
    String stop = "end_turn";
    switch (step) {
      case Step.Text text -> content.addObject().put("type", "text").put("text", text.text());
      case Step.WriteFile write -> {
        ObjectNode input = json.createObjectNode();
        input.put("file_path", conversation.resolve(write.path()));
        input.put("content", write.content());
        content.add(toolUse("Write", input, calls));
        stop = "tool_use";
      }
      case Step.Shell shell -> {
        ObjectNode input = json.createObjectNode();
        input.put("command", shell.command());
        input.put("description", "Run a shell command");
        content.add(toolUse("Bash", input, calls));
        stop = "tool_use";
      }
      case Step.Dynamic dynamic ->
          throw new IllegalStateException("bug: dynamic steps are resolved by the scenario");
    }
    message.put("stop_reason", stop);
    message.putNull("stop_sequence");
    message.set("usage", usage(12, 8));
    return message;
  }

  /** Streams {@code message} as the Messages API's server-sent events. */
  void stream(ObjectNode message, Sse sse) throws IOException {
    ObjectNode start = message.deepCopy();
    start.putArray("content");
    start.putNull("stop_reason");
    start.set("usage", usage(12, 1));
    sse.event(
        "message_start",
        json.createObjectNode().put("type", "message_start").set("message", start));
    int index = 0;
    for (JsonNode block : message.get("content")) {
      ObjectNode first = block.deepCopy();
      ObjectNode delta = json.createObjectNode();
      if ("text".equals(block.get("type").asText())) {
        first.put("text", "");
        delta.put("type", "text_delta").put("text", block.get("text").asText());
      } else {
        first.set("input", json.createObjectNode());
        delta
            .put("type", "input_json_delta")
            .put("partial_json", json.writeValueAsString(block.get("input")));
      }
      sse.event(
          "content_block_start",
          json.createObjectNode()
              .put("type", "content_block_start")
              .put("index", index)
              .set("content_block", first));
      sse.event(
          "content_block_delta",
          json.createObjectNode()
              .put("type", "content_block_delta")
              .put("index", index)
              .set("delta", delta));
      sse.event(
          "content_block_stop",
          json.createObjectNode().put("type", "content_block_stop").put("index", index));
      index++;
    }
    ObjectNode messageDelta = json.createObjectNode().put("type", "message_delta");
    messageDelta
        .putObject("delta")
        .put("stop_reason", message.get("stop_reason").asText())
        .putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", 8);
    sse.event("message_delta", messageDelta);
    sse.event("message_stop", json.createObjectNode().put("type", "message_stop"));
  }

  private ObjectNode toolUse(String name, ObjectNode input, Ids.Sink calls) {
    String id = ids.next("toolu_");
    calls.issued(id);
    ObjectNode block = json.createObjectNode();
    block.put("type", "tool_use").put("id", id).put("name", name).set("input", input);
    return block;
  }

  private ObjectNode usage(int input, int output) {
    ObjectNode usage = json.createObjectNode();
    usage.put("input_tokens", input);
    usage.put("cache_creation_input_tokens", 0);
    usage.put("cache_read_input_tokens", 0);
    usage.put("output_tokens", output);
    return usage;
  }
}
