package dev.delegate.agent.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.delegate.core.agent.ApprovalDecision;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.ApprovalRecord;
import dev.delegate.core.agent.ApprovalRequest;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.ToolKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers {@code session/request_permission} with the approval policy, as terminal approval prompts
 * are: the tool, its kind, the command and the paths (from the tool call's {@code locations}) are
 * judged, with the workspace guard, and the answer is {@code allow_once} or {@code reject_once}
 * only, so no decision outlives the job. Tool calls are remembered by id, because some agents send
 * the full call first and a bare one in the request.
 */
final class AcpPermissions {
  private final ApprovalPolicy policy;
  private final Path workspace;
  private final Map<String, ObjectNode> calls = new HashMap<>();
  private final Map<String, String> toolNames = new HashMap<>();

  AcpPermissions(ApprovalPolicy policy, Path workspace) {
    this.policy = policy;
    this.workspace = workspace;
  }

  /** A decided request: the response to send, the record to keep and a line to show. */
  record Answer(ObjectNode outcome, ApprovalRecord record, String shown) {}

  /** Remembers a tool call or an update of one (fields merge). */
  void remember(JsonNode call) {
    String id = call.path("toolCallId").asText("");
    if (id.isEmpty()) {
      return;
    }
    ObjectNode known = calls.computeIfAbsent(id, k -> AcpConnection.NODES.objectNode());
    for (Map.Entry<String, JsonNode> field : call.properties()) {
      if (!field.getValue().isNull() && !isEmpty(field.getValue())) {
        known.set(field.getKey(), field.getValue());
      }
    }
  }

  /** Kiro names its tools (fs_write, execute_bash) in a notification of its own. */
  void toolName(String toolCallId, String name) {
    if (!toolCallId.isEmpty() && !name.isBlank()) {
      toolNames.put(toolCallId, name);
    }
  }

  /** Forgets the tool calls of the last job. */
  void clear() {
    calls.clear();
    toolNames.clear();
  }

  Answer decide(JsonNode params, Instant now) {
    remember(params.path("toolCall"));
    String id = params.path("toolCall").path("toolCallId").asText("");
    JsonNode call = calls.getOrDefault(id, AcpConnection.NODES.objectNode());
    String acpKind = call.path("kind").asText("");
    ToolKind kind = kind(acpKind);
    Optional<String> tool =
        Optional.ofNullable(toolNames.get(id)).or(() -> nonEmpty(acpKind.isEmpty() ? "" : acpKind));
    String title = AcpRender.oneLine(call.path("title").asText(""));
    Optional<String> path = path(call);
    Optional<String> command =
        kind == ToolKind.SHELL ? command(call.path("rawInput")).or(() -> nonEmpty(title)) : path;
    ApprovalRequest request =
        new ApprovalRequest(
            tool,
            command,
            title.isEmpty() ? "permission request " + id : title,
            kind,
            path,
            Optional.of(workspace));
    ApprovalDecision decision = policy.decide(request);
    boolean allow = decision.verdict() != ApprovalVerdict.DENY;
    String wanted = allow ? "allow_once" : "reject_once";
    Optional<String> option = option(params.path("options"), wanted);
    ObjectNode outcome = AcpConnection.NODES.objectNode();
    ApprovalRecord record = ApprovalRecord.of(now, request, decision);
    String what = command.or(() -> nonEmpty(title)).orElse(kind.label());
    if (option.isPresent()) {
      outcome.putObject("outcome").put("outcome", "selected").put("optionId", option.get());
    } else {
      outcome.putObject("outcome").put("outcome", "cancelled");
    }
    String shown =
        AcpRender.approval(
            (allow ? "allowed " : "denied ") + kind.label(),
            allow,
            what,
            decision.reason() + (option.isPresent() ? "" : "; no " + wanted + " option offered"));
    return new Answer(outcome, record, shown);
  }

  /** The response to a request that comes while the turn is being cancelled. */
  static ObjectNode cancelled() {
    ObjectNode outcome = AcpConnection.NODES.objectNode();
    outcome.putObject("outcome").put("outcome", "cancelled");
    return outcome;
  }

  /** ACP's tool kinds as approval rules know them. */
  static ToolKind kind(String acpKind) {
    return switch (acpKind) {
      case "read", "search" -> ToolKind.READ;
      case "edit", "delete", "move" -> ToolKind.WRITE;
      case "execute" -> ToolKind.SHELL;
      case "fetch" -> ToolKind.NETWORK;
      default -> ToolKind.OTHER;
    };
  }

  private static Optional<String> option(JsonNode options, String kind) {
    for (JsonNode option : options) {
      if (kind.equals(option.path("kind").asText())) {
        return nonEmpty(option.path("optionId").asText(""));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> path(JsonNode call) {
    for (JsonNode location : call.path("locations")) {
      String path = location.path("path").asText("");
      if (!path.isEmpty()) {
        return Optional.of(path);
      }
    }
    JsonNode input = call.path("rawInput");
    for (String field : new String[] {"path", "file_path", "abs_path", "filePath"}) {
      if (input.path(field).isTextual()) {
        return nonEmpty(input.path(field).asText());
      }
    }
    return Optional.empty();
  }

  /** The command of an execute call: a string, or an argument list joined with spaces. */
  private static Optional<String> command(JsonNode input) {
    JsonNode command = input.path("command");
    if (command.isTextual()) {
      return nonEmpty(command.asText());
    }
    if (command.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : command) {
        if (!text.isEmpty()) {
          text.append(' ');
        }
        text.append(part.asText());
      }
      return nonEmpty(text.toString());
    }
    return Optional.empty();
  }

  private static boolean isEmpty(JsonNode node) {
    return (node.isContainerNode() && node.isEmpty())
        || (node.isTextual() && node.asText().isEmpty());
  }

  private static Optional<String> nonEmpty(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
  }
}
