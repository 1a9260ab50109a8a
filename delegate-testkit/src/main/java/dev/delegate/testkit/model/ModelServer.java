package dev.delegate.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A scripted model for tests: an HTTP server on 127.0.0.1 that speaks the Anthropic Messages API
 * ({@code POST /v1/messages}, Claude Code) and the OpenAI Responses API ({@code POST
 * /v1/responses}, Codex) and the Gemini API ({@code POST /v1beta/models/<model>:generateContent} or
 * {@code :streamGenerateContent}, Gemini CLI), streamed or not, and plays a {@link Scenario}
 * instead of thinking.
 *
 * <p>This is a test fixture only, never a model: it lets tests drive the real agent CLIs offline.
 * Requests of the main conversation (those that declare tools) get the scenario's step for that
 * conversation; side requests (titles, summaries, token counts, model lists) get a short, valid
 * answer, so the CLI never sees an error. Every request is recorded with its headers, minus those
 * that may carry secrets, and its JSON body.
 */
public final class ModelServer implements AutoCloseable {
  /** What side requests without tools are told. */
  public static final String SIDE_ANSWER = "OK";

  private final HttpServer server;
  private final Scenario scenario;
  private final String apiKey = "sk-test-" + UUID.randomUUID().toString().replace("-", "");
  private final ObjectMapper json = new ObjectMapper();
  private final Ids ids = new Ids(Long.toString(System.nanoTime() % 1_000_000, 36));
  private final AnthropicMessages anthropic = new AnthropicMessages(json, ids);
  private final OpenAiResponses openai = new OpenAiResponses(json, ids);
  private final GeminiContent gemini = new GeminiContent(json, ids);
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> toolCalls = new CopyOnWriteArrayList<>();

  private ModelServer(Scenario scenario) throws IOException {
    this.scenario = scenario;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
  }

  /** Starts a server on 127.0.0.1 and a free port, playing {@code scenario}. */
  public static ModelServer start(Scenario scenario) {
    try {
      ModelServer model = new ModelServer(scenario);
      model.server.start();
      return model;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the model server: " + e, e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, without a path. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The key the CLI should send; requests record whether they carried it. */
  public String apiKey() {
    return apiKey;
  }

  /** Every request so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests of the main conversation, which played scenario steps. */
  public List<RecordedRequest> stepRequests() {
    return requests.stream().filter(RecordedRequest::playedStep).toList();
  }

  /** The ids of every tool call the model made, in order. */
  public List<String> toolCalls() {
    return List.copyOf(toolCalls);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body = parse(raw);
      String path = exchange.getRequestURI().getPath();
      boolean post = "POST".equals(exchange.getRequestMethod());
      Optional<Api> api = Optional.empty();
      if (post && path.endsWith("/messages")) {
        api = Optional.of(Api.ANTHROPIC_MESSAGES);
      } else if (post && path.endsWith("/responses")) {
        api = Optional.of(Api.OPENAI_RESPONSES);
      } else if (post
          && (path.endsWith(":generateContent") || path.endsWith(":streamGenerateContent"))) {
        api = Optional.of(Api.GEMINI_GENERATE_CONTENT);
      }
      Optional<Conversation> conversation = api.map(a -> Conversation.of(a, body));
      Optional<Step> step =
          conversation.filter(c -> !c.toolNames().isEmpty()).map(scenario::stepFor);
      requests.add(record(exchange, body, conversation, step));
      if (api.isEmpty()) {
        answerOther(exchange, path);
        return;
      }
      answerModel(
          exchange, api.get(), path, body, conversation.get(), step.orElse(Step.text(SIDE_ANSWER)));
    }
  }

  private void answerModel(
      HttpExchange exchange,
      Api api,
      String path,
      JsonNode body,
      Conversation conversation,
      Step step)
      throws IOException {
    if (api == Api.GEMINI_GENERATE_CONTENT) {
      // /v1beta/models/<model>:streamGenerateContent
      String model = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf(':'));
      ObjectNode response = gemini.response(model, step, conversation, toolCalls::add);
      if (path.endsWith(":streamGenerateContent")) {
        gemini.stream(response, startStream(exchange));
      } else {
        sendJson(exchange, 200, response);
      }
      return;
    }
    String model = body.path("model").asText("scripted-model");
    boolean stream = body.path("stream").asBoolean(false);
    if (api == Api.ANTHROPIC_MESSAGES) {
      ObjectNode message = anthropic.message(model, step, conversation, toolCalls::add);
      if (!stream) {
        sendJson(exchange, 200, message);
        return;
      }
      anthropic.stream(message, startStream(exchange));
    } else {
      ObjectNode response = openai.response(model, step, conversation, toolCalls::add);
      if (!stream) {
        sendJson(exchange, 200, response);
        return;
      }
      openai.stream(response, startStream(exchange));
    }
  }

  /** Token counts, model lists and anything else: a small valid answer, never an error. */
  private void answerOther(HttpExchange exchange, String path) throws IOException {
    ObjectNode answer = json.createObjectNode();
    if (path.endsWith("/count_tokens")) {
      answer.put("input_tokens", 12);
    } else if (path.endsWith(":countTokens")) {
      answer.put("totalTokens", 12);
    } else if (path.endsWith("/models")) {
      answer.put("object", "list");
      answer.putArray("data");
      answer.putArray("models");
    }
    sendJson(exchange, 200, answer);
  }

  private Sse startStream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    return new Sse(exchange.getResponseBody(), json);
  }

  private void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private RecordedRequest record(
      HttpExchange exchange,
      JsonNode body,
      Optional<Conversation> conversation,
      Optional<Step> step) {
    Map<String, String> headers = new TreeMap<>();
    boolean keyMatched = false;
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      String value = String.join(", ", header.getValue());
      if (isSecret(name)) {
        keyMatched |= value.equals(apiKey) || value.equals("Bearer " + apiKey);
      } else {
        headers.put(name, value);
      }
    }
    return new RecordedRequest(
        Instant.now(),
        exchange.getRequestMethod(),
        exchange.getRequestURI().getPath(),
        Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""),
        headers,
        body,
        keyMatched,
        conversation,
        step);
  }

  static boolean isSecret(String headerName) {
    return headerName.equals("authorization")
        || headerName.equals("cookie")
        || headerName.contains("key")
        || headerName.contains("token")
        || headerName.contains("secret");
  }

  private JsonNode parse(byte[] raw) {
    if (raw.length == 0) {
      return NullNode.getInstance();
    }
    try {
      return json.readTree(raw);
    } catch (IOException e) {
      ObjectNode unreadable = json.createObjectNode();
      unreadable.put("unparsed", new String(raw, StandardCharsets.UTF_8));
      return unreadable;
    }
  }

  /** For reading in a debugger or a failed assertion: one line per request. */
  public String describeRequests() {
    List<String> lines = new ArrayList<>();
    for (RecordedRequest r : requests) {
      lines.add(
          r.method()
              + " "
              + r.path()
              + (r.query().isEmpty() ? "" : "?" + r.query())
              + r.answer().map(s -> " -> " + s).orElse("")
              + r.conversation().map(c -> " tools=" + c.toolNames().size()).orElse("")
              + (r.body().isObject()
                  ? " keys=" + r.body().properties().stream().map(Map.Entry::getKey).toList()
                  : ""));
    }
    return String.join("\n", lines);
  }
}
