package dev.delegate.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the model server reads from one request's body to choose its answer.
 *
 * @param modelAnswers how many answers the model already gave in this conversation (assistant
 *     messages and tool calls sent back by the CLI)
 * @param userTexts the user's own messages, oldest first, without the CLI's injected context
 *     (system reminders, environment blocks)
 * @param toolCallIds the ids of the model's tool calls the CLI sent back, in order
 * @param toolResultIds the tool call ids of the tool results in the request, in order (one per
 *     result, so a result sent twice shows up twice)
 * @param toolNames the tools the CLI declared
 * @param workingDirectory the directory the CLI says it works in, when it says so
 */
public record Conversation(
    Api api,
    int modelAnswers,
    List<String> userTexts,
    List<String> toolCallIds,
    List<String> toolResultIds,
    List<String> toolNames,
    Optional<String> workingDirectory) {

  private static final Pattern CLAUDE_CWD =
      Pattern.compile("(?m)^\\s*(?:-\\s*)?(?:Primary working directory|Working directory): (\\S+)");
  private static final Pattern CODEX_CWD = Pattern.compile("<cwd>([^<]+)</cwd>");
  private static final Pattern GEMINI_CWD =
      Pattern.compile("(?m)^\\s*- \\*\\*Workspace Directories:\\*\\*\\s*\\n\\s*- (\\S+)");

  public Conversation {
    userTexts = List.copyOf(userTexts);
    toolCallIds = List.copyOf(toolCallIds);
    toolResultIds = List.copyOf(toolResultIds);
    toolNames = List.copyOf(toolNames);
  }

  /** The user's last message, or empty. */
  public String lastUserText() {
    return userTexts.isEmpty() ? "" : userTexts.get(userTexts.size() - 1);
  }

  /** A path as the model should name it: relative ones resolved against the working directory. */
  public String resolve(String path) {
    if (path.startsWith("/") || workingDirectory.isEmpty()) {
      return path;
    }
    String dir = workingDirectory.get();
    return dir.endsWith("/") ? dir + path : dir + "/" + path;
  }

  static Conversation of(Api api, JsonNode body) {
    return switch (api) {
      case ANTHROPIC_MESSAGES -> anthropic(body);
      case OPENAI_RESPONSES -> responses(body);
      case GEMINI_GENERATE_CONTENT -> gemini(body);
    };
  }

  private static Conversation anthropic(JsonNode body) {
    int answers = 0;
    List<String> users = new ArrayList<>();
    List<String> calls = new ArrayList<>();
    List<String> results = new ArrayList<>();
    StringBuilder all = new StringBuilder(text(body.path("system")));
    for (JsonNode message : body.path("messages")) {
      String role = message.path("role").asText();
      boolean assistant = "assistant".equals(role);
      if (assistant) {
        answers++;
      } else if (!"user".equals(role)) {
        continue; // mid-conversation system messages
      }
      JsonNode content = message.path("content");
      all.append('\n').append(text(content));
      if (content.isTextual()) {
        if (!assistant) {
          addUserText(users, content.asText());
        }
        continue;
      }
      String userText = null;
      for (JsonNode block : content) {
        switch (block.path("type").asText()) {
          case "tool_use" -> calls.add(block.path("id").asText());
          case "tool_result" -> results.add(block.path("tool_use_id").asText());
          case "text" -> {
            String text = block.path("text").asText();
            if (!assistant && !isInjected(text)) {
              userText = text;
            }
          }
          default -> {}
        }
      }
      if (userText != null) {
        users.add(userText.strip());
      }
    }
    List<String> tools = new ArrayList<>();
    body.path("tools").forEach(t -> tools.add(t.path("name").asText()));
    return new Conversation(
        Api.ANTHROPIC_MESSAGES, answers, users, calls, results, tools, find(CLAUDE_CWD, all));
  }

  private static Conversation responses(JsonNode body) {
    int answers = 0;
    List<String> users = new ArrayList<>();
    List<String> calls = new ArrayList<>();
    List<String> results = new ArrayList<>();
    StringBuilder all = new StringBuilder(body.path("instructions").asText(""));
    JsonNode input = body.path("input");
    if (input.isTextual()) {
      addUserText(users, input.asText());
    }
    for (JsonNode item : input) {
      String type = item.path("type").asText("message");
      switch (type) {
        case "message" -> {
          String text = text(item.path("content"));
          all.append('\n').append(text);
          String role = item.path("role").asText();
          if ("assistant".equals(role)) {
            answers++;
          } else if ("user".equals(role)) {
            addUserText(users, text);
          }
        }
        case "function_call", "custom_tool_call", "local_shell_call" -> {
          answers++;
          calls.add(item.path("call_id").asText());
        }
        case "function_call_output", "custom_tool_call_output", "local_shell_call_output" ->
            results.add(item.path("call_id").asText());
        default -> {}
      }
    }
    List<String> tools = new ArrayList<>();
    body.path("tools")
        .forEach(
            t ->
                tools.add(t.hasNonNull("name") ? t.get("name").asText() : t.path("type").asText()));
    return new Conversation(
        Api.OPENAI_RESPONSES, answers, users, calls, results, tools, find(CODEX_CWD, all));
  }

  private static Conversation gemini(JsonNode body) {
    int answers = 0;
    List<String> users = new ArrayList<>();
    List<String> calls = new ArrayList<>();
    List<String> results = new ArrayList<>();
    StringBuilder all = new StringBuilder(text(body.path("systemInstruction").path("parts")));
    for (JsonNode content : body.path("contents")) {
      boolean model = "model".equals(content.path("role").asText());
      if (model) {
        answers++;
      }
      String userText = null;
      for (JsonNode part : content.path("parts")) {
        if (part.has("functionCall")) {
          calls.add(part.get("functionCall").path("id").asText());
        } else if (part.has("functionResponse")) {
          results.add(part.get("functionResponse").path("id").asText());
        } else if (part.has("text") && !part.path("thought").asBoolean(false)) {
          String text = part.get("text").asText();
          all.append('\n').append(text);
          if (!model && !isInjected(text)) {
            userText = text;
          }
        }
      }
      if (userText != null) {
        users.add(userText.strip());
      }
    }
    List<String> tools = new ArrayList<>();
    for (JsonNode tool : body.path("tools")) {
      tool.path("functionDeclarations").forEach(f -> tools.add(f.path("name").asText()));
    }
    return new Conversation(
        Api.GEMINI_GENERATE_CONTENT, answers, users, calls, results, tools, find(GEMINI_CWD, all));
  }

  private static void addUserText(List<String> users, String text) {
    if (!isInjected(text)) {
      users.add(text.strip());
    }
  }

  /** Context a CLI adds to user messages on its own: reminders, environment, instructions. */
  private static boolean isInjected(String text) {
    String t = text.strip();
    return t.isEmpty()
        || t.startsWith("<system-reminder>")
        || t.startsWith("<environment_context>")
        || t.startsWith("<session_context>")
        || t.startsWith("<user_instructions>")
        || t.startsWith("# AGENTS.md")
        || t.startsWith("<permissions instructions>")
        || t.startsWith("Caveat:")
        || t.startsWith("<command-name>")
        || t.startsWith("<local-command-stdout>");
  }

  /** The text of a string, or of the text-bearing blocks of an array, joined by line breaks. */
  private static String text(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode block : node) {
      if (block.has("text")) {
        if (!out.isEmpty()) {
          out.append('\n');
        }
        out.append(block.get("text").asText());
      }
    }
    return out.toString();
  }

  private static Optional<String> find(Pattern pattern, CharSequence text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
  }
}
