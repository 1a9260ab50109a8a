package dev.delegate.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * OpenAI Responses API answers: a response with one output item, an assistant {@code message} or a
 * tool call (a {@code function_call} to the shell tool the CLI declared, or Codex's freeform {@code
 * apply_patch} as a {@code custom_tool_call}), as a JSON object or streamed as {@code
 * response.created}, {@code response.output_item.added}/{@code done} and {@code
 * response.completed}.
 */
final class OpenAiResponses {
  /** Shell tools Codex declares, depending on its version and settings; first declared wins. */
  private static final List<String> SHELL_TOOLS = List.of("shell", "shell_command", "exec_command");

  private final ObjectMapper json;
  private final Ids ids;

  OpenAiResponses(ObjectMapper json, Ids ids) {
    this.json = json;
    this.ids = ids;
  }

  ObjectNode response(String model, Step step, Conversation conversation, Ids.Sink calls)
      throws IOException {
    ObjectNode response = json.createObjectNode();
    response.put("id", ids.next("resp_"));
    response.put("object", "response");
    response.put("created_at", System.currentTimeMillis() / 1000);
    response.put("status", "completed");
    response.put("model", model);
    response.putArray("output").add(item(step, conversation, calls));
    ObjectNode usage = response.putObject("usage");
    usage.put("input_tokens", 12).put("output_tokens", 8).put("total_tokens", 20);
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    return response;
  }

  void stream(ObjectNode response, Sse sse) throws IOException {
    ObjectNode created = response.deepCopy();
    created.put("status", "in_progress");
    created.putArray("output");
    created.remove("usage");
    sse.event(
        "response.created",
        json.createObjectNode().put("type", "response.created").set("response", created));
    int index = 0;
    for (JsonNode item : response.get("output")) {
      ObjectNode added = item.deepCopy();
      added.put("status", "in_progress");
      if (added.has("content")) {
        added.putArray("content");
      }
      sse.event(
          "response.output_item.added",
          json.createObjectNode()
              .put("type", "response.output_item.added")
              .put("output_index", index)
              .set("item", added));
      if ("message".equals(item.get("type").asText())) {
        String text = item.get("content").get(0).get("text").asText();
        sse.event(
            "response.output_text.delta",
            json.createObjectNode()
                .put("type", "response.output_text.delta")
                .put("item_id", item.get("id").asText())
                .put("output_index", index)
                .put("content_index", 0)
                .put("delta", text));
      }
      sse.event(
          "response.output_item.done",
          json.createObjectNode()
              .put("type", "response.output_item.done")
              .put("output_index", index)
              .set("item", item));
      index++;
    }
    sse.event(
        "response.completed",
        json.createObjectNode().put("type", "response.completed").set("response", response));
  }

  private ObjectNode item(Step step, Conversation conversation, Ids.Sink calls) throws IOException {
    return switch (step) {
      case Step.Text text -> message(text.text());
      case Step.Shell shell -> shellCall(shell.command(), conversation, calls);
      case Step.WriteFile write ->
          conversation.toolNames().contains("apply_patch")
              ? patchCall(write, calls)
              : shellCall(writeCommand(write), conversation, calls);
      case Step.Dynamic dynamic ->
          throw new IllegalStateException("bug: dynamic steps are resolved by the scenario");
    };
  }

  private ObjectNode message(String text) {
    ObjectNode item = json.createObjectNode();
    item.put("type", "message").put("id", ids.next("msg_")).put("role", "assistant");
    item.put("status", "completed");
    item.putArray("content")
        .addObject()
        .put("type", "output_text")
        .put("text", text)
        .putArray("annotations");
    return item;
  }

  private ObjectNode shellCall(String command, Conversation conversation, Ids.Sink calls)
      throws IOException {
    String tool =
        SHELL_TOOLS.stream()
            .filter(conversation.toolNames()::contains)
            .findFirst()
            .orElse(SHELL_TOOLS.get(0));
    ObjectNode arguments = json.createObjectNode();
    switch (tool) {
      case "shell" -> arguments.putArray("command").add("bash").add("-lc").add(command);
      case "exec_command" -> arguments.put("cmd", command);
      default -> arguments.put("command", command);
    }
    // asks to run outside Codex's sandbox, so that Codex asks for approval as Claude Code does
    arguments.put("sandbox_permissions", "require_escalated");
    arguments.put("justification", "Allow this command to change files in the workspace?");
    return call("function_call", tool, calls).put("arguments", json.writeValueAsString(arguments));
  }

  private ObjectNode patchCall(Step.WriteFile write, Ids.Sink calls) {
    StringBuilder patch = new StringBuilder("*** Begin Patch\n*** Add File: ");
    patch.append(write.path()).append('\n');
    write.content().lines().forEach(line -> patch.append('+').append(line).append('\n'));
    patch.append("*** End Patch\n");
    return call("custom_tool_call", "apply_patch", calls).put("input", patch.toString());
  }

  private ObjectNode call(String type, String name, Ids.Sink calls) {
    String callId = ids.next("call_");
    calls.issued(callId);
    ObjectNode item = json.createObjectNode();
    item.put("type", type).put("id", ids.next("fc_")).put("call_id", callId).put("name", name);
    item.put("status", "completed");
    return item;
  }

  private static String writeCommand(Step.WriteFile write) {
    return "printf '%s' '" + write.content().replace("'", "'\\''") + "' > '" + write.path() + "'";
  }
}
