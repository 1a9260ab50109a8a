package dev.delegate.scripted;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code read}, {@code write}, {@code edit} and {@code run} over ACP: a {@code tool_call}, a
 * permission request unless the tool is trusted, the action in the session's directory, then a
 * {@code tool_call_update} with its result.
 */
final class AcpTools {
  private static final long POLL_MILLIS = 15;

  /** The choices of a permission request, as Kiro offers them. */
  private static final List<Object> OPTIONS =
      List.of(
          Json.object("optionId", "allow_once", "name", "Yes", "kind", "allow_once"),
          Json.object("optionId", "allow_always", "name", "Always", "kind", "allow_always"),
          Json.object("optionId", "reject_once", "name", "No", "kind", "reject_once"));

  private final AcpTurn turn;
  private final AcpSession session;

  AcpTools(AcpTurn turn) {
    this.turn = turn;
    this.session = turn.session;
  }

  void read(String path) {
    File file = session.resolve(path);
    String id =
        id(start("Reading " + path, "read", "in_progress", file, Json.object("path", path)));
    if (!file.isFile()) {
      finish(id, "failed", text("File not found: " + path));
      return;
    }
    try {
      Files.readAllBytes(file.toPath());
      finish(id, "completed", null);
    } catch (IOException e) {
      finish(id, "failed", text("Cannot read " + path + ": " + e));
    }
  }

  void write(String path, String content) {
    File file = session.resolve(path);
    Map<String, Object> input = Json.object("path", path, "content", content);
    Map<String, Object> call = start("Writing " + path, "edit", "pending", file, input);
    String id = id(call);
    if (!permitted(Tools.FS_WRITE, call)) {
      return;
    }
    try {
      String old = file.isFile() ? Files.readString(file.toPath(), StandardCharsets.UTF_8) : null;
      FileTools.store(file, content);
      finish(id, "completed", diff(file, old, content));
    } catch (IOException e) {
      finish(id, "failed", text("Cannot write " + path + ": " + e));
    }
  }

  void edit(String path, String find, String replace) {
    File file = session.resolve(path);
    Map<String, Object> input = Json.object("path", path, "find", find, "content", replace);
    Map<String, Object> call = start("Editing " + path, "edit", "pending", file, input);
    String id = id(call);
    if (!permitted(Tools.FS_WRITE, call)) {
      return;
    }
    try {
      if (!file.isFile()) {
        finish(id, "failed", text("Cannot edit " + path + ": file not found"));
        return;
      }
      String old = Files.readString(file.toPath(), StandardCharsets.UTF_8);
      int at = find.isEmpty() ? -1 : old.indexOf(find);
      if (at < 0) {
        finish(id, "failed", text("Cannot edit " + path + ": the text to replace was not found"));
        return;
      }
      String edited = old.substring(0, at) + replace + old.substring(at + find.length());
      FileTools.store(file, edited);
      finish(id, "completed", diff(file, old, edited));
    } catch (IOException e) {
      finish(id, "failed", text("Cannot edit " + path + ": " + e));
    }
  }

  void run(String command) {
    Map<String, Object> call =
        start(command, "execute", "pending", null, Json.object("command", command));
    String id = id(call);
    if (!permitted(Tools.EXECUTE_BASH, call)) {
      return;
    }
    Process process;
    try {
      process = ShellTool.start(command, session.cwd);
    } catch (IOException e) {
      finish(id, "failed", text("Cannot run the command: " + e.getMessage()));
      return;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      pump(process, output, id);
      int code = process.waitFor();
      Map<String, Object> update = update(id, code == 0 ? "completed" : "failed");
      update.put("content", text(output.toString(StandardCharsets.UTF_8)));
      update.put("rawOutput", Json.object("exitCode", (long) code));
      turn.out.update(session.id, update);
    } catch (IOException e) {
      finish(id, "failed", text("Lost the command's output: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ShellTool.kill(process);
      finish(id, "failed", null);
      throw new Interrupted();
    }
  }

  /** Collects output while the command runs; a cancel kills it and its children. */
  private void pump(Process process, ByteArrayOutputStream output, String id) throws IOException {
    InputStream in = process.getInputStream();
    byte[] buffer = new byte[8192];
    while (true) {
      int available = in.available();
      if (available > 0) {
        output.write(buffer, 0, in.read(buffer, 0, Math.min(available, buffer.length)));
      } else if (!process.isAlive()) {
        if (in.available() == 0) {
          return;
        }
      } else if (turn.control.sleep(POLL_MILLIS)) {
        ShellTool.kill(process);
        finish(id, "failed", null);
        throw new Interrupted();
      }
    }
  }

  /**
   * Sends the {@code tool_call}; returns the call (id, title, kind, locations, raw input) as a
   * permission request shows it.
   */
  private Map<String, Object> start(
      String title, String kind, String status, File file, Object rawInput) {
    String id = "call-" + ++session.toolCalls;
    turn.toolCalls++;
    Map<String, Object> call = Json.object("toolCallId", id, "title", title, "kind", kind);
    if (file != null) {
      List<Object> locations = new ArrayList<>();
      locations.add(Json.object("path", file.getPath()));
      call.put("locations", locations);
    }
    call.put("rawInput", rawInput);
    Map<String, Object> update = Json.object("sessionUpdate", "tool_call");
    update.putAll(call);
    update.put("status", status);
    turn.out.update(session.id, update);
    return call;
  }

  private static String id(Map<String, Object> call) {
    return (String) call.get("toolCallId");
  }

  /**
   * Asks unless the tool is trusted. False when the user declined (reported as failed, with agent
   * text); a cancelled request or turn throws {@link Interrupted}.
   */
  private boolean permitted(String tool, Map<String, Object> call) {
    String id = id(call);
    if (turn.agent.options.trustAllTools() || session.trusted.contains(tool)) {
      return true;
    }
    long requestId = turn.out.nextRequestId();
    turn.control.expect(requestId);
    turn.out.request(
        requestId,
        "session/request_permission",
        Json.object("sessionId", session.id, "toolCall", call, "options", OPTIONS));
    Map<String, Object> answer = turn.control.awaitAnswer();
    Map<String, Object> result = answer == null ? null : Json.asObject(answer.get("result"));
    Map<String, Object> outcome = result == null ? null : Json.asObject(result.get("outcome"));
    if (answer == null || (outcome != null && "cancelled".equals(outcome.get("outcome")))) {
      finish(id, "failed", null);
      throw new Interrupted();
    }
    Object option =
        outcome != null && "selected".equals(outcome.get("outcome"))
            ? outcome.get("optionId")
            : null;
    if ("allow_once".equals(option) || "allow_always".equals(option)) {
      boolean always = "allow_always".equals(option);
      turn.agent.log.event("APPROVAL", tool + (always ? " t" : " y"));
      if (always) {
        session.trusted.add(tool);
      }
      return true;
    }
    turn.agent.log.event("APPROVAL", tool + " n");
    finish(id, "failed", null);
    turn.text("Permission denied: " + tool + " was not run");
    return false;
  }

  private Map<String, Object> update(String id, String status) {
    return Json.object("sessionUpdate", "tool_call_update", "toolCallId", id, "status", status);
  }

  private void finish(String id, String status, List<Object> content) {
    Map<String, Object> update = update(id, status);
    if (content != null) {
      update.put("content", content);
    }
    turn.out.update(session.id, update);
  }

  private static List<Object> text(String text) {
    List<Object> content = new ArrayList<>();
    content.add(
        Json.object("type", "content", "content", Json.object("type", "text", "text", text)));
    return content;
  }

  private static List<Object> diff(File file, String oldText, String newText) {
    List<Object> content = new ArrayList<>();
    content.add(
        Json.object(
            "type", "diff", "path", file.getPath(), "oldText", oldText, "newText", newText));
    return content;
  }
}
