package dev.delegate.testkit.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Gemini API answers ({@code models/<model>:generateContent} and {@code :streamGenerateContent}):
 * one candidate whose content holds a text part or a {@code functionCall} part (Gemini CLI's {@code
 * write_file} or {@code run_shell_command}), as a JSON object or streamed as one server-sent {@code
 * data:} event ({@code ?alt=sse}).
 */
final class GeminiContent {
  private final ObjectMapper json;
  private final Ids ids;

  GeminiContent(ObjectMapper json, Ids ids) {
    this.json = json;
    this.ids = ids;
  }

  /** The response answering {@code step}; tool calls get a fresh id, reported to {@code calls}. */
  ObjectNode response(String model, Step step, Conversation conversation, Ids.Sink calls) {
    ObjectNode response = json.createObjectNode();
    ObjectNode candidate = response.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.put("role", "model");
    ObjectNode part = content.putArray("parts").addObject();
    switch (step) {
      case Step.Text text -> part.put("text", text.text());
      case Step.WriteFile write -> {
        ObjectNode args = json.createObjectNode();
        args.put("file_path", conversation.resolve(write.path()));
        args.put("content", write.content());
        part.set("functionCall", call("write_file", args, calls));
      }
      case Step.Shell shell -> {
        ObjectNode args = json.createObjectNode();
        args.put("command", shell.command());
        args.put("description", "Run a shell command");
        part.set("functionCall", call("run_shell_command", args, calls));
      }
      case Step.Dynamic dynamic ->
          throw new IllegalStateException("bug: dynamic steps are resolved by the scenario");
    }
    candidate.put("finishReason", "STOP");
    candidate.put("index", 0);
    response
        .putObject("usageMetadata")
        .put("promptTokenCount", 12)
        .put("candidatesTokenCount", 8)
        .put("totalTokenCount", 20);
    response.put("modelVersion", model);
    response.put("responseId", ids.next("resp_"));
    return response;
  }

  /** Streams {@code response} as one event, finish reason and usage included. */
  void stream(ObjectNode response, Sse sse) throws IOException {
    sse.data(response);
  }

  private ObjectNode call(String name, ObjectNode args, Ids.Sink calls) {
    String callId = ids.next("call_");
    calls.issued(callId);
    ObjectNode call = json.createObjectNode();
    call.put("id", callId).put("name", name).set("args", args);
    return call;
  }
}
