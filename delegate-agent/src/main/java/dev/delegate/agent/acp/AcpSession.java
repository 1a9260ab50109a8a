package dev.delegate.agent.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.delegate.agent.pty.PtyCommand;
import dev.delegate.agent.session.AgentCommand;
import dev.delegate.agent.session.BudgetReachedException;
import dev.delegate.agent.session.DriverSession;
import dev.delegate.agent.session.OutputTap;
import dev.delegate.agent.session.SessionContext;
import dev.delegate.agent.session.SessionDiedException;
import dev.delegate.agent.session.TurnEnd;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent driven over the Agent Client Protocol: one process, started once and initialized once;
 * one ACP session per job ({@code session/new} in the worker's directory is the reset between
 * jobs); one {@code session/prompt} per turn, ended by its {@code stopReason}. Permission requests
 * go through the approval policy; session updates are rendered for the live view; reported usage is
 * counted and held against the turn's budget. The agent breaking the protocol fails the turn and
 * kills the process, so the pool restarts it.
 */
public final class AcpSession implements DriverSession, AcpConnection.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(AcpSession.class);
  static final int PROTOCOL_VERSION = 1;

  private final int workerId;
  private final AgentProfile profile;
  private final SessionContext context;
  private final Path directory;
  private final Path home;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final StderrTail stderr = new StderrTail();
  private final AcpPermissions permissions;
  private volatile Process process;
  private volatile AcpConnection connection;
  private volatile Secrets secrets = new Secrets(java.util.Map.of());
  private volatile OutputTap transcript = OutputTap.NONE;
  private volatile OutputTap live = OutputTap.NONE;
  private volatile long lastOutputNanos = System.nanoTime();
  private volatile Throwable killReason;
  private boolean closed; // guarded by this
  private String sessionId; // guarded by this
  private AcpTurn turn; // guarded by this
  private final AcpSpending spending = new AcpSpending();

  public AcpSession(
      int workerId, AgentProfile profile, SessionContext context, Path directory, Path home) {
    this.workerId = workerId;
    this.profile = profile;
    this.context = context;
    this.directory = directory.toAbsolutePath().normalize();
    this.home = home;
    this.permissions = new AcpPermissions(context.policy(), this.directory);
  }

  /** Starts the agent, sends {@code initialize} and opens the first session. */
  @Override
  public CompletableFuture<Void> start() {
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new SessionDiedException("the pool is closing"));
      }
      try {
        PtyCommand command = AgentCommand.build(profile, context, home, directory);
        secrets = new Secrets(command.environment());
        ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        process = builder.start();
      } catch (IOException | RuntimeException e) {
        return CompletableFuture.failedFuture(
            new SessionDiedException("cannot start " + profile.command() + ": " + e.getMessage()));
      }
      connection = new AcpConnection(process.getOutputStream(), this);
    }
    Process started = process;
    AcpConnection rpc = connection;
    LOG.info("[Worker {}] started {} (pid {})", workerId, profile.name(), started.pid());
    Thread.ofPlatform()
        .daemon()
        .name("acp-worker-" + workerId)
        .start(() -> rpc.readLoop(started.getInputStream()));
    Thread.ofPlatform()
        .daemon()
        .name("acp-stderr-" + workerId)
        .start(() -> stderr.drain(started.getErrorStream(), workerId));
    var unused = started.onExit().thenAccept(p -> exited(p.exitValue()));
    return rpc.request("initialize", initializeParams())
        .thenCompose(this::initialized)
        .thenCompose(nothing -> newSession())
        .orTimeout(profile.startup().timeoutMs(), TimeUnit.MILLISECONDS);
  }

  /**
   * Opens a fresh ACP session in the worker's directory: the next job knows nothing of the last.
   */
  @Override
  public CompletableFuture<Void> reset() {
    return newSession();
  }

  /**
   * Sends {@code session/cancel} for the running turn and waits, at most the grace (and the
   * profile's {@code acp.cancelGraceMs}), for its prompt to answer.
   */
  @Override
  public CompletableFuture<Void> interrupt(long graceMillis) {
    AcpTurn running;
    synchronized (this) {
      running = turn;
    }
    if (running == null || running.response == null || running.response.isDone()) {
      return CompletableFuture.completedFuture(null);
    }
    sendCancel(running);
    long grace = Math.min(graceMillis, profile.acp().cancelGraceMs());
    return running
        .response
        .handle((result, failure) -> (Void) null)
        .orTimeout(grace, TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletableFuture<TurnEnd> runTurn(String prompt, Budget budget) {
    lastOutputNanos = System.nanoTime(); // silence before this turn is not a stall of it
    AcpTurn next = new AcpTurn(budget, context.maxOutputChars());
    String session;
    synchronized (this) {
      if (turn != null && !turn.done.isDone()) {
        throw new IllegalStateException(
            "worker " + workerId + " was given work while still busy: a bug in the pool");
      }
      turn = next;
      session = sessionId;
      if (exit.isDone() || session == null) {
        next.done.completeExceptionally(deathReason());
        return next.done;
      }
    }
    show("\r\n" + AcpRender.CYAN + "❯ " + AcpRender.RESET + AcpRender.oneLine(prompt) + "\r\n");
    ObjectNode params = AcpConnection.NODES.objectNode().put("sessionId", session);
    params.putArray("prompt").addObject().put("type", "text").put("text", prompt);
    CompletableFuture<JsonNode> response = connection.request("session/prompt", params);
    next.response = response;
    var unused = response.whenComplete((result, failure) -> promptAnswered(next, result, failure));
    return next.done;
  }

  @Override
  public TurnEnd abandonTurn(Throwable reason) {
    AcpTurn last;
    synchronized (this) {
      last = turn;
    }
    if (last == null) {
      return new TurnEnd("", Optional.empty(), false, List.of(), context.clock().instant());
    }
    last.done.completeExceptionally(reason);
    return last.snapshot(context.clock().instant());
  }

  @Override
  public void setTaps(OutputTap raw, OutputTap view) {
    this.transcript = raw == null ? OutputTap.NONE : raw;
    this.live = view == null ? OutputTap.NONE : view;
  }

  @Override
  public boolean rendersView() {
    return true;
  }

  @Override
  public long lastOutputNanos() {
    return lastOutputNanos;
  }

  @Override
  public CompletableFuture<Integer> exited() {
    return exit;
  }

  @Override
  public boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** Closes the agent's input (ACP agents exit at its end), then kills what is left. */
  @Override
  public void close() {
    Process p;
    synchronized (this) {
      closed = true;
      p = process;
    }
    if (p == null) {
      return;
    }
    try {
      p.getOutputStream().close();
      p.waitFor(500, TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      LOG.debug("[Worker {}] closing the agent's input: {}", workerId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
  }

  @Override
  public void kill() {
    kill(null);
  }

  /** Kills the agent and everything it started (an adapter's native child would outlive it). */
  @Override
  public void kill(Throwable reason) {
    if (reason != null) {
      killReason = reason;
    }
    Process p = process;
    if (p != null && p.isAlive()) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  // --- what the agent sends ---

  @Override
  public void received(String line) {
    lastOutputNanos = System.nanoTime();
    record(line);
  }

  @Override
  public void sent(String line) {
    record(line);
  }

  @Override
  public void request(JsonNode id, String method, JsonNode params) {
    if (!"session/request_permission".equals(method)) {
      connection.respondError(id, -32601, "Method not found: " + method);
      if (!method.startsWith("_")) {
        protocolError("the agent called " + method + ", which Delegate does not offer");
      }
      return;
    }
    AcpTurn running = currentTurn(params);
    if (running == null || running.cancelSent || running.done.isDone()) {
      connection.respond(id, AcpPermissions.cancelled());
      return;
    }
    AcpPermissions.Answer answer;
    synchronized (permissions) {
      answer = permissions.decide(params, context.clock().instant());
    }
    running.approved(answer.record());
    LOG.info("[Worker {}] {}", workerId, answer.record().describe());
    show(answer.shown());
    connection.respond(id, answer.outcome());
  }

  @Override
  public void notification(String method, JsonNode params) {
    switch (method) {
      case "session/update" -> update(params);
      case "_kiro.dev/metadata" -> kiroMetadata(params);
      case "_kiro.dev/session/update" -> {
        JsonNode update = params.path("update");
        if ("tool_call_chunk".equals(update.path("sessionUpdate").asText())) {
          synchronized (permissions) {
            permissions.toolName(
                update.path("toolCallId").asText(""), update.path("title").asText(""));
          }
        }
      }
      default -> {
        if (!method.startsWith("_")) {
          protocolError("the agent sent an unknown notification " + method);
        }
      }
    }
  }

  @Override
  public void protocolError(String problem) {
    SessionDiedException reason =
        new SessionDiedException("the agent broke the protocol: " + problem);
    LOG.warn("[Worker {}] {}; restarting it", workerId, reason.getMessage());
    AcpTurn running;
    synchronized (this) {
      running = turn;
    }
    if (running != null) {
      running.done.completeExceptionally(reason);
    }
    kill(reason);
  }

  @Override
  public void closed() {
    // the exit handler fails whatever still waits, once the process is gone
  }

  // --- inside ---

  private ObjectNode initializeParams() {
    ObjectNode params = AcpConnection.NODES.objectNode().put("protocolVersion", PROTOCOL_VERSION);
    ObjectNode capabilities = params.putObject("clientCapabilities");
    capabilities.putObject("fs").put("readTextFile", false).put("writeTextFile", false);
    capabilities.put("terminal", false);
    params.putObject("clientInfo").put("name", "delegate").put("version", "0.1.0");
    return params;
  }

  private CompletableFuture<Void> initialized(JsonNode result) {
    int version = result.path("protocolVersion").asInt(-1);
    if (version != PROTOCOL_VERSION) {
      return CompletableFuture.failedFuture(
          new SessionDiedException(
              "the agent speaks ACP version "
                  + result.path("protocolVersion")
                  + "; Delegate speaks version "
                  + PROTOCOL_VERSION));
    }
    return CompletableFuture.completedFuture(null);
  }

  private CompletableFuture<Void> newSession() {
    AcpConnection rpc = connection;
    if (rpc == null) {
      return CompletableFuture.failedFuture(new SessionDiedException("the agent is not started"));
    }
    ObjectNode params = AcpConnection.NODES.objectNode().put("cwd", directory.toString());
    params.putArray("mcpServers");
    return rpc.request("session/new", params)
        .thenCompose(
            result -> {
              String id = result == null ? "" : result.path("sessionId").asText("");
              if (id.isEmpty()) {
                protocolError("session/new answered without a sessionId");
                return CompletableFuture.failedFuture(deathReason());
              }
              synchronized (this) {
                sessionId = id;
                turn = null;
              }
              spending.reset();
              synchronized (permissions) {
                permissions.clear();
              }
              return configure(rpc, id);
            })
        .orTimeout(profile.acp().requestTimeoutMs(), TimeUnit.MILLISECONDS);
  }

  /** Chooses the profile's model and mode for a new session, when it names them. */
  private CompletableFuture<Void> configure(AcpConnection rpc, String id) {
    CompletableFuture<JsonNode> chain = CompletableFuture.completedFuture(null);
    Optional<String> model = profile.acp().modelIfAny();
    if (model.isPresent()) {
      ObjectNode params = AcpConnection.NODES.objectNode().put("sessionId", id);
      params.put("modelId", model.get());
      chain = chain.thenCompose(nothing -> rpc.request("session/set_model", params));
    }
    Optional<String> mode = profile.acp().modeIfAny();
    if (mode.isPresent()) {
      ObjectNode params = AcpConnection.NODES.objectNode().put("sessionId", id);
      params.put("modeId", mode.get());
      chain = chain.thenCompose(nothing -> rpc.request("session/set_mode", params));
    }
    return chain.thenApply(nothing -> null);
  }

  private void promptAnswered(AcpTurn answered, JsonNode result, Throwable failure) {
    if (failure != null) {
      answered.done.completeExceptionally(failure);
      return;
    }
    spend(answered, AcpSpending.tokens(result));
    String stopReason = result == null ? "" : result.path("stopReason").asText("");
    Optional<String> stopped =
        switch (stopReason) {
          case "end_turn" -> Optional.empty();
          case "max_tokens" -> Optional.of("the agent stopped: it reached its token limit");
          case "max_turn_requests" ->
              Optional.of("the agent stopped: it reached its limit of model requests in a turn");
          case "refusal" -> Optional.of("the agent stopped: it refused to go on");
          case "cancelled" ->
              Optional.of(
                  answered.cancelSent ? "cancelled" : "the agent cancelled the turn by itself");
          default -> null;
        };
    if (stopped == null) {
      protocolError("session/prompt answered with an unknown stopReason '" + stopReason + "'");
      return;
    }
    if ("cancelled".equals(stopReason) && !answered.cancelSent) {
      Optional<TurnEnd> denied = answered.stoppedAfterDenial(context.clock().instant());
      if (denied.isPresent()) {
        answered.done.complete(denied.get());
        return;
      }
    }
    answered.done.complete(answered.end(context.clock().instant(), stopped, profile.questions()));
  }

  private void update(JsonNode params) {
    AcpTurn running = currentTurn(params);
    if (running == null) {
      return; // an update of an earlier job's session, or between turns
    }
    JsonNode update = params.path("update");
    switch (update.path("sessionUpdate").asText("")) {
      case "agent_message_chunk" -> {
        String text = textOf(update.path("content"));
        running.say(text);
        show(AcpRender.text(text));
      }
      case "agent_thought_chunk" -> show(AcpRender.thought(textOf(update.path("content"))));
      case "tool_call" -> {
        synchronized (permissions) {
          permissions.remember(update);
        }
        show(AcpRender.toolCall(update));
      }
      case "tool_call_update" -> {
        synchronized (permissions) {
          permissions.remember(update);
        }
        show(AcpRender.toolUpdate(update));
      }
      case "plan" -> show(AcpRender.plan(update.path("entries")));
      case "usage_update" -> spend(running, spending.costUpdate(update.path("cost")));
      default -> {
        // modes, commands, session info and updates newer than this driver: nothing to show
      }
    }
  }

  /** Kiro's metering: the credits each turn used. */
  private void kiroMetadata(JsonNode params) {
    AcpTurn running = currentTurn(params);
    if (running != null) {
      spend(running, AcpSpending.kiroCredits(params));
    }
  }

  /** Counts spending on the turn and the session; past the budget, the turn is stopped. */
  private void spend(AcpTurn running, Usage spent) {
    if (spent.isEmpty()) {
      return;
    }
    running.spent(spent);
    Usage total = spending.add(spent);
    Optional<String> over = running.budget.exceededBy(total);
    if (over.isPresent() && !running.done.isDone()) {
      LOG.info("[Worker {}] {}; cancelling the turn", workerId, over.get());
      running.done.completeExceptionally(new BudgetReachedException(over.get()));
      sendCancel(running);
    }
  }

  private void sendCancel(AcpTurn running) {
    String session;
    synchronized (this) {
      if (running.cancelSent) {
        return;
      }
      running.cancelSent = true;
      session = sessionId;
    }
    try {
      connection.notify(
          "session/cancel", AcpConnection.NODES.objectNode().put("sessionId", session));
    } catch (java.io.UncheckedIOException e) {
      LOG.debug("[Worker {}] cancel not delivered: {}", workerId, e.toString());
    }
  }

  /** The running turn when {@code params} belong to the current session; null otherwise. */
  private synchronized AcpTurn currentTurn(JsonNode params) {
    if (turn == null || sessionId == null) {
      return null;
    }
    String session = params.path("sessionId").asText(sessionId);
    return session.equals(sessionId) ? turn : null;
  }

  private void exited(int code) {
    LOG.info("[Worker {}] {} exited with code {}", workerId, profile.name(), code);
    Throwable reason = deathReason(code);
    AcpTurn running;
    synchronized (this) {
      running = turn;
    }
    if (running != null) {
      running.done.completeExceptionally(reason);
    }
    AcpConnection rpc = connection;
    if (rpc != null) {
      rpc.failAll(reason);
    }
    exit.complete(code);
  }

  private Throwable deathReason() {
    Process p = process;
    return deathReason(p != null && !p.isAlive() ? p.exitValue() : -1);
  }

  private Throwable deathReason(int code) {
    Throwable reason = killReason;
    if (reason != null) {
      return reason;
    }
    return new SessionDiedException(
        (code >= 0 ? "the agent exited with code " + code : "the agent has no session")
            + stderr.describe());
  }

  private void show(String text) {
    byte[] bytes = secrets.redact(text).getBytes(StandardCharsets.UTF_8);
    live.write(bytes, bytes.length);
  }

  private void record(String line) {
    byte[] bytes = (secrets.redact(line) + "\n").getBytes(StandardCharsets.UTF_8);
    transcript.write(bytes, bytes.length);
  }

  private static String textOf(JsonNode content) {
    return "text".equals(content.path("type").asText()) ? content.path("text").asText("") : "";
  }
}
