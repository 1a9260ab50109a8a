package dev.delegate.scripted;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent side of the Agent Client Protocol (v1) on stdin/stdout, as {@code kiro-cli acp} speaks
 * it: this thread reads every message, answers requests, hands permission answers and cancels to
 * the running turns; each prompt plays on a thread of its own ({@link AcpTurn}).
 */
final class AcpAgent {
  final Options options;
  final AcpOut out;
  final EventLog log;
  final ScenarioCatalog catalog;
  private final Map<String, AcpSession> sessions = new HashMap<>();
  private boolean initialized;
  private int nextSession = 1;

  AcpAgent(Options options, AcpOut out, EventLog log) {
    this.options = options;
    this.out = out;
    this.log = log;
    this.catalog = new ScenarioCatalog(options.scenarioDir());
  }

  /** Reads messages until the end of stdin; returns the exit code. */
  int run() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (out.hung()) {
        break;
      }
      if (!line.isBlank()) {
        handle(line);
      }
    }
    if (out.hung()) {
      hangForever();
    }
    return 0;
  }

  /** After a {@code hang} step: nothing more is read or written until the process is killed. */
  static void hangForever() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // keep hanging
      }
    }
  }

  void handle(String line) {
    Map<String, Object> message;
    try {
      message = Json.asObject(Json.parse(line));
    } catch (JsonException e) {
      out.error(null, AcpError.PARSE_ERROR, "Parse error: " + e.getMessage());
      return;
    }
    if (message == null) {
      out.error(null, AcpError.INVALID_REQUEST, "Invalid Request: not a JSON object");
      return;
    }
    boolean hasId = message.containsKey("id");
    Object id = message.get("id");
    if (message.get("method") instanceof String method) {
      Map<String, Object> params = Json.asObject(message.get("params"));
      params = params == null ? new HashMap<String, Object>() : params;
      if (!hasId) {
        notification(method, params);
        return;
      }
      try {
        request(id, method, params);
      } catch (AcpError e) {
        out.error(id, e.code, e.getMessage());
      }
    } else if (hasId && (message.containsKey("result") || message.containsKey("error"))) {
      response(id, message);
    } else {
      out.error(hasId ? id : null, AcpError.INVALID_REQUEST, "Invalid Request: no method");
    }
  }

  private void request(Object id, String method, Map<String, Object> params) {
    if (!initialized && !method.equals("initialize")) {
      throw new AcpError(AcpError.INVALID_REQUEST, "not initialized");
    }
    switch (method) {
      case "initialize" -> {
        initialized = true;
        out.result(id, initializeResult());
      }
      case "session/new" -> newSession(id, params);
      case "session/prompt" -> prompt(id, params);
      case "session/set_model" -> {
        if (!options.kiroFlavor()) {
          throw new AcpError(AcpError.METHOD_NOT_FOUND, "Method not found: " + method);
        }
        setModel(id, params);
      }
      default -> throw new AcpError(AcpError.METHOD_NOT_FOUND, "Method not found: " + method);
    }
  }

  /** Only {@code session/cancel} means something; other notifications are ignored. */
  private void notification(String method, Map<String, Object> params) {
    if (method.equals("session/cancel") && params.get("sessionId") instanceof String id) {
      AcpSession session = sessions.get(id);
      TurnControl running = session == null ? null : session.running();
      if (running != null) {
        running.cancel();
      }
    }
  }

  /** The answer to a request of ours (a permission): to the turn that waits for it. */
  private void response(Object id, Map<String, Object> message) {
    for (AcpSession session : sessions.values()) {
      TurnControl running = session.running();
      if (running != null && running.answer(id, message)) {
        return;
      }
    }
  }

  private static Map<String, Object> initializeResult() {
    Map<String, Object> prompts =
        Json.object("image", false, "audio", false, "embeddedContext", false);
    return Json.object(
        "protocolVersion",
        1L,
        "agentCapabilities",
        Json.object("loadSession", false, "promptCapabilities", prompts),
        "authMethods",
        new ArrayList<Object>(),
        "agentInfo",
        Json.object("name", Options.DEFAULT_NAME, "version", Version.get()));
  }

  private void newSession(Object id, Map<String, Object> params) {
    if (!(params.get("cwd") instanceof String cwd) || !new File(cwd).isAbsolute()) {
      throw new AcpError(AcpError.INVALID_PARAMS, "cwd must be an absolute path");
    }
    File dir = new File(cwd);
    if (!dir.isDirectory()) {
      throw new AcpError(AcpError.INVALID_PARAMS, "cwd is not a directory: " + cwd);
    }
    AcpSession session = new AcpSession("sess-" + nextSession++, dir);
    sessions.put(session.id, session);
    Map<String, Object> result = Json.object("sessionId", session.id);
    if (options.kiroFlavor()) {
      List<Object> models = new ArrayList<>();
      models.add(Json.object("modelId", AcpSession.FAST_MODEL, "name", "Scripted (fast)"));
      models.add(Json.object("modelId", AcpSession.SMART_MODEL, "name", "Scripted (smart)"));
      result.put("models", Json.object("currentModelId", session.model, "availableModels", models));
    }
    out.result(id, result);
    if (options.kiroFlavor()) {
      List<Object> commands = new ArrayList<>();
      commands.add(
          Json.object(
              "name", "/clear", "description", "Clear the conversation and forget trusted tools"));
      out.notify(
          "_kiro.dev/commands/available",
          Json.object("sessionId", session.id, "commands", commands));
    }
  }

  private void setModel(Object id, Map<String, Object> params) {
    AcpSession session = session(params);
    Object model = params.get("modelId");
    if (!(model instanceof String name) || !AcpSession.knownModel(name)) {
      throw new AcpError(
          AcpError.INVALID_PARAMS,
          "unknown model "
              + model
              + " (known: "
              + AcpSession.FAST_MODEL
              + ", "
              + AcpSession.SMART_MODEL
              + ")");
    }
    session.model = name;
    log.event("MODEL", name);
    out.result(id, new HashMap<String, Object>());
  }

  private void prompt(Object id, Map<String, Object> params) {
    AcpSession session = session(params);
    List<Object> blocks = Json.asList(params.get("prompt"));
    if (blocks == null) {
      throw new AcpError(AcpError.INVALID_PARAMS, "prompt must be an array of content blocks");
    }
    StringBuilder text = new StringBuilder();
    for (Object item : blocks) {
      Map<String, Object> block = Json.asObject(item);
      if (block != null
          && "text".equals(block.get("type"))
          && block.get("text") instanceof String part) {
        text.append(text.length() > 0 ? "\n" : "").append(part);
      }
    }
    TurnControl control = session.start();
    if (control == null) {
      throw new AcpError(
          AcpError.INVALID_REQUEST, "a prompt is already running in session " + session.id);
    }
    // logged as the request arrives, as the terminal mode logs a submitted line: what follows is
    // the agent's own time
    if (!Session.isCommand(text.toString())) {
      log.event(session.paused != null ? "ANSWER" : "PROMPT", text.toString());
    }
    Thread turn = new Thread(new AcpTurn(this, session, control, id, text.toString()));
    turn.setName("turn-" + session.id);
    turn.start();
  }

  private AcpSession session(Map<String, Object> params) {
    Object id = params.get("sessionId");
    AcpSession session = id instanceof String name ? sessions.get(name) : null;
    if (session == null) {
      throw new AcpError(AcpError.INVALID_PARAMS, "unknown session: " + id);
    }
    return session;
  }
}
