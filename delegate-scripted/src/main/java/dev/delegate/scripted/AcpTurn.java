package dev.delegate.scripted;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code session/prompt}: plays the chosen scenario (or resumes one stopped at an {@code ask}),
 * sending session updates, then usage, then the prompt's answer with its stop reason.
 */
final class AcpTurn implements Runnable {
  /** Cost of an output token, in US dollars. */
  static final BigDecimal USD_PER_OUTPUT_TOKEN = new BigDecimal("0.0001");

  /** Credits for every turn, and for each tool call in it. */
  static final BigDecimal CREDITS_PER_TURN = new BigDecimal("0.01");

  static final BigDecimal CREDITS_PER_TOOL_CALL = new BigDecimal("0.001");

  /** Credits per US dollar a {@code cost} step spends. */
  static final BigDecimal CREDITS_PER_USD = BigDecimal.TEN;

  final AcpAgent agent;
  final AcpSession session;
  final TurnControl control;
  final AcpOut out;
  private final Object requestId;
  private final String prompt;
  private final long started = System.nanoTime();
  private long agentChars;
  int toolCalls;

  AcpTurn(AcpAgent agent, AcpSession session, TurnControl control, Object requestId, String text) {
    this.agent = agent;
    this.session = session;
    this.control = control;
    this.out = agent.out;
    this.requestId = requestId;
    this.prompt = text;
  }

  @Override
  public void run() {
    String stopReason = "end_turn";
    try {
      play();
    } catch (Interrupted e) {
      agent.log.event("INTERRUPT", null);
      stopReason = "cancelled";
    } catch (UncheckedIOException e) {
      session.finished(); // stdout is gone; the reader sees the end of stdin next
      return;
    } catch (RuntimeException e) {
      session.finished();
      System.err.println("scripted-agent: bug in a turn: " + e);
      out.error(requestId, AcpError.INTERNAL_ERROR, "Internal error: " + e);
      return;
    }
    try {
      long input = tokens(prompt.length());
      long output = tokens(agentChars);
      session.contextTokens += input + output;
      session.costUsd =
          session.costUsd.add(USD_PER_OUTPUT_TOKEN.multiply(BigDecimal.valueOf(output)));
      usageUpdate();
      metadata(CREDITS_PER_TURN.add(CREDITS_PER_TOOL_CALL.multiply(BigDecimal.valueOf(toolCalls))));
      Map<String, Object> usage =
          Json.object("inputTokens", input, "outputTokens", output, "totalTokens", input + output);
      session.finished();
      out.result(requestId, Json.object("stopReason", stopReason, "usage", usage));
      agent.log.event("READY", null); // as the terminal mode, once its prompt is written
    } catch (UncheckedIOException e) {
      session.finished(); // stdout is gone; the reader sees the end of stdin next
    }
  }

  /** A deterministic token count: a token per four characters, rounded up. */
  static long tokens(long chars) {
    return (chars + 3) / 4;
  }

  private void play() {
    if (Session.isCommand(prompt)) {
      command(prompt.strip());
      return;
    }
    Scenario scenario;
    Map<String, String> vars;
    int from;
    AcpSession.Paused paused = session.paused;
    if (paused != null) {
      session.paused = null;
      scenario = paused.scenario;
      vars = paused.vars;
      vars.put("answer", prompt);
      from = paused.next;
    } else {
      session.turns++;
      List<String> errors = new ArrayList<>();
      ScenarioCatalog.Choice choice;
      synchronized (agent.catalog) {
        choice = agent.catalog.choose(prompt, errors);
      }
      for (String error : errors) {
        text("Scenario error: " + error);
      }
      if (choice == null) {
        text("No scenario matches and there is no default one.");
        return;
      }
      scenario = choice.scenario;
      vars = new HashMap<>();
      Turn.variables(vars, prompt, choice.match, session.turns);
      from = 0;
    }
    List<Step> steps = scenario.steps;
    for (int i = from; i < steps.size(); i++) {
      if (control.cancelled()) {
        throw new Interrupted();
      }
      Step step = steps.get(i);
      try {
        if (step(step, Template.expand(step.arg, vars), vars)) {
          session.paused = new AcpSession.Paused(scenario, i + 1, vars);
          return;
        }
      } catch (IllegalArgumentException e) {
        text("Scenario error at " + scenario.origin + ":" + step.line + ": " + e.getMessage());
      }
    }
  }

  /** Runs a step; true when it is an {@code ask}, which ends the turn. */
  private boolean step(Step step, String arg, Map<String, String> vars) {
    AcpTools tools = new AcpTools(this);
    switch (step.kind) {
      case SAY, REPLY -> text(arg);
      case THINK -> think(Numbers.millis(arg));
      case READ -> tools.read(arg);
      case WRITE -> tools.write(arg, Template.expand(step.text, vars));
      case EDIT ->
          tools.edit(
              arg, Template.expand(step.text, vars), Template.expand(step.replacement, vars));
      case RUN -> tools.run(arg);
      case ASK -> {
        text(arg);
        return true;
      }
      case HANG -> {
        out.hang();
        AcpAgent.hangForever();
      }
      case CRASH -> crash(Numbers.exitCode(arg));
      case FLOOD -> flood(Numbers.bytes(arg));
      case COST -> cost(Numbers.usd(arg));
    }
    return false;
  }

  /** {@code /clear} (the one command Kiro lists), {@code /help}; others are unknown. */
  private void command(String command) {
    agent.log.event("COMMAND", command);
    session.paused = null;
    switch (command) {
      case "/clear" -> {
        session.clear();
        text("Conversation cleared.");
      }
      case "/help" -> text("Commands: /clear (also forgets trusted tools)");
      default -> text("Unknown command: " + command + " (try /help)");
    }
  }

  /** Agent text, one line: an {@code agent_message_chunk}. */
  void text(String line) {
    chunk(line + "\n");
  }

  private void chunk(String text) {
    agentChars += text.length();
    out.update(
        session.id,
        Json.object(
            "sessionUpdate",
            "agent_message_chunk",
            "content",
            Json.object("type", "text", "text", text)));
  }

  private void think(long millis) {
    if (millis <= 0) {
      return;
    }
    out.update(
        session.id,
        Json.object(
            "sessionUpdate",
            "agent_thought_chunk",
            "content",
            Json.object("type", "text", "text", "Thinking...")));
    if (control.sleep(millis)) {
      throw new Interrupted();
    }
  }

  private void crash(int code) {
    System.err.println("panic: scripted crash (exit code " + code + ")");
    agent.log.event("EXIT", Integer.toString(code));
    System.exit(code);
  }

  private void flood(long bytes) {
    StringBuilder chunk = new StringBuilder(64 * 1024 + 128);
    long written = 0;
    int line = 1;
    while (written < bytes) {
      if (control.cancelled()) {
        throw new Interrupted();
      }
      chunk.setLength(0);
      line = Flood.lines(chunk, line, bytes - written, "\n");
      chunk(chunk.toString());
      written += chunk.length();
    }
  }

  /** Spends money at once: a usage update and, in Kiro's flavour, the credits. */
  private void cost(BigDecimal usd) {
    session.costUsd = session.costUsd.add(usd);
    usageUpdate();
    metadata(usd.multiply(CREDITS_PER_USD));
  }

  private void usageUpdate() {
    out.update(
        session.id,
        Json.object(
            "sessionUpdate",
            "usage_update",
            "used",
            session.contextTokens,
            "size",
            AcpSession.CONTEXT_SIZE,
            "cost",
            Json.object("amount", session.costUsd, "currency", "USD")));
  }

  /** Kiro's {@code _kiro.dev/metadata}: the credits used since the previous one. */
  private void metadata(BigDecimal credits) {
    if (!agent.options.kiroFlavor()) {
      return;
    }
    BigDecimal percent =
        BigDecimal.valueOf(session.contextTokens * 100)
            .divide(BigDecimal.valueOf(AcpSession.CONTEXT_SIZE), 2, RoundingMode.HALF_UP);
    List<Object> metering = new ArrayList<>();
    metering.add(Json.object("value", credits, "unit", "credit", "unitPlural", "credits"));
    out.notify(
        "_kiro.dev/metadata",
        Json.object(
            "sessionId",
            session.id,
            "contextUsagePercentage",
            percent,
            "meteringUsage",
            metering,
            "turnDurationMs",
            (System.nanoTime() - started) / 1_000_000L));
  }
}
