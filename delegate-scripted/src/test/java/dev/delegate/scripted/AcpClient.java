package dev.delegate.scripted;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The scripted agent in ACP mode as a real child process, driven by JSON lines on its stdin. */
final class AcpClient implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final List<Map<String, Object>> received = new ArrayList<>();
  private final StringBuffer stderr = new StringBuffer();
  private long nextId = 1;

  private AcpClient(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::readOutput, "acp-output");
    reader.setDaemon(true);
    reader.start();
    Thread errors = new Thread(this::readErrors, "acp-errors");
    errors.setDaemon(true);
    errors.start();
  }

  static AcpClient start(Path dir, String... agentArgs) throws IOException {
    Path log = dir.resolveSibling(dir.getFileName() + ".events.log");
    List<String> args = new ArrayList<>(List.of("--acp"));
    args.addAll(List.of(agentArgs));
    ProcessBuilder builder = new ProcessBuilder(ScriptedAgentCommand.command(args));
    builder.directory(dir.toFile());
    builder.environment().put(EventLog.ENV, log.toString());
    return new AcpClient(builder.start(), log);
  }

  /** Started, initialized, with one session in {@code cwd}; returns the client. */
  static AcpClient ready(Path cwd, String... agentArgs) throws IOException {
    AcpClient client = start(cwd, agentArgs);
    client.call("initialize", Json.object("protocolVersion", 1L, "clientCapabilities", Map.of()));
    return client;
  }

  void sendLine(String line) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write to the agent", e);
    }
  }

  void send(Map<String, Object> message) {
    Map<String, Object> full = Json.object("jsonrpc", "2.0");
    full.putAll(message);
    sendLine(Json.write(full));
  }

  /** Sends a request; returns its id. */
  long request(String method, Map<String, Object> params) {
    long id = nextId++;
    send(Json.object("id", id, "method", method, "params", params));
    return id;
  }

  void notify(String method, Map<String, Object> params) {
    send(Json.object("method", method, "params", params));
  }

  /** The response to a request: its result or error object (as the whole message). */
  Map<String, Object> awaitResponse(long id) {
    return awaitMessage(
        m ->
            !m.containsKey("method")
                && m.get("id") instanceof Long got
                && got == id
                && (m.containsKey("result") || m.containsKey("error")));
  }

  /** Sends a request and returns its result; fails when it is an error. */
  Map<String, Object> call(String method, Map<String, Object> params) {
    Map<String, Object> response = awaitResponse(request(method, params));
    if (response.containsKey("error")) {
      throw new AssertionError(method + " failed: " + response);
    }
    return Json.asObject(response.get("result"));
  }

  String newSession(Path cwd) {
    return (String)
        call("session/new", Json.object("cwd", cwd.toString(), "mcpServers", List.of()))
            .get("sessionId");
  }

  long prompt(String sessionId, String text) {
    return request(
        "session/prompt",
        Json.object(
            "sessionId", sessionId, "prompt", List.of(Json.object("type", "text", "text", text))));
  }

  /** The permission request received after {@code after} messages. */
  Map<String, Object> awaitPermission(int after) {
    return awaitMessage(after, m -> "session/request_permission".equals(m.get("method")));
  }

  void answer(Object requestId, String optionId) {
    send(
        Json.object(
            "id",
            requestId,
            "result",
            Json.object("outcome", Json.object("outcome", "selected", "optionId", optionId))));
  }

  Map<String, Object> awaitMessage(Predicate<Map<String, Object>> test) {
    return awaitMessage(0, test);
  }

  Map<String, Object> awaitMessage(int after, Predicate<Map<String, Object>> test) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> find(after, test), m -> m != null);
  }

  private Map<String, Object> find(int after, Predicate<Map<String, Object>> test) {
    synchronized (received) {
      for (int i = after; i < received.size(); i++) {
        if (test.test(received.get(i))) {
          return received.get(i);
        }
      }
    }
    return null;
  }

  int count() {
    synchronized (received) {
      return received.size();
    }
  }

  List<Map<String, Object>> messages() {
    synchronized (received) {
      return new ArrayList<>(received);
    }
  }

  /** The session updates of one kind, in order (their {@code update} objects). */
  List<Map<String, Object>> updates(String sessionId, String kind) {
    List<Map<String, Object>> updates = new ArrayList<>();
    for (Map<String, Object> message : messages()) {
      Map<String, Object> params = Json.asObject(message.get("params"));
      if ("session/update".equals(message.get("method"))
          && sessionId.equals(params.get("sessionId"))) {
        Map<String, Object> update = Json.asObject(params.get("update"));
        if (kind.equals(update.get("sessionUpdate"))) {
          updates.add(update);
        }
      }
    }
    return updates;
  }

  /** Every message with this method. */
  List<Map<String, Object>> notifications(String method) {
    List<Map<String, Object>> found = new ArrayList<>();
    for (Map<String, Object> message : messages()) {
      if (method.equals(message.get("method"))) {
        found.add(Json.asObject(message.get("params")));
      }
    }
    return found;
  }

  /** The agent's text in a session, all chunks joined. */
  String agentText(String sessionId) {
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> update : updates(sessionId, "agent_message_chunk")) {
      text.append(Json.asObject(update.get("content")).get("text"));
    }
    return text.toString();
  }

  List<String> events() throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  String stderr() {
    return stderr.toString();
  }

  void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  int awaitExit() throws InterruptedException {
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      throw new AssertionError("the agent did not exit");
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        Map<String, Object> message = Json.asObject(Json.parse(line));
        synchronized (received) {
          received.add(message);
        }
      }
    } catch (IOException e) {
      // the agent exited
    }
  }

  private void readErrors() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        stderr.append(line).append('\n');
      }
    } catch (IOException e) {
      // the agent exited
    }
  }
}
