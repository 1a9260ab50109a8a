package dev.delegate.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.delegate.server.launch.Roles;
import dev.delegate.server.launch.ServeCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import picocli.CommandLine;

/**
 * The whole service in this JVM for the task page's browser tests (API, processor and a pool of
 * scripted agents playing the given scenarios, one attempt per job), a headless Chromium, and the
 * HTTP calls a test makes besides the page: submit a task, read a job.
 */
final class TaskPageServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * Records every EventSource the page opens ({@code window.__sources}) and lets a test cut one as
   * a network drop does ({@code source.cut()}): the connection closes, the page gets {@code error},
   * and the same URL is connected again, as a browser's EventSource reconnects.
   */
  static final String CUTTABLE_EVENT_SOURCE =
      """
      (() => {
        const Real = window.EventSource;
        window.__sources = [];
        class Cuttable extends EventTarget {
          constructor(url, init) {
            super();
            this.url = String(url);
            this.init = init;
            this.names = new Set(['open', 'error', 'message']);
            this.closed = false;
            window.__sources.push(this);
            this.connect();
          }
          connect() {
            const es = new Real(this.url, this.init);
            this.inner = es;
            for (const name of this.names) es.addEventListener(name, (e) => this.forward(es, e));
          }
          forward(es, e) {
            if (es !== this.inner || this.closed) return;
            const copy = e instanceof MessageEvent
              ? new MessageEvent(e.type, { data: e.data, lastEventId: e.lastEventId }) : new Event(e.type);
            this.dispatchEvent(copy);
            const handler = this['on' + e.type];
            if (typeof handler === 'function') handler.call(this, copy);
          }
          addEventListener(name, listener, options) {
            if (!this.names.has(name)) {
              this.names.add(name);
              const es = this.inner;
              es.addEventListener(name, (e) => this.forward(es, e));
            }
            super.addEventListener(name, listener, options);
          }
          get readyState() { return this.closed ? 2 : this.inner.readyState; }
          close() { this.closed = true; this.inner.close(); }
          cut() {
            if (this.closed) return false;
            this.inner.close();
            const error = new Event('error');
            this.dispatchEvent(error);
            if (typeof this.onerror === 'function') this.onerror(error);
            this.connect();
            return true;
          }
        }
        Cuttable.CONNECTING = 0; Cuttable.OPEN = 1; Cuttable.CLOSED = 2;
        window.EventSource = Cuttable;
      })();
      """;

  final Roles roles;
  final ChromeDriver browser;
  final String base;

  private TaskPageServer(Roles roles, ChromeDriver browser, String base) {
    this.roles = roles;
    this.browser = browser;
    this.base = base;
  }

  /**
   * @param scenarios file name → scenario text, played before the built-in scenarios
   */
  static TaskPageServer start(Path dir, Map<String, String> scenarios) throws IOException {
    return start(dir, scenarios, "--max-attempts", "1");
  }

  /**
   * @param options more options of {@code serve} (such as {@code --max-attempts})
   */
  static TaskPageServer start(Path dir, Map<String, String> scenarios, String... options)
      throws IOException {
    Path scenarioDir = Files.createDirectories(dir.resolve("scenarios"));
    for (Map.Entry<String, String> s : scenarios.entrySet()) {
      Files.writeString(scenarioDir.resolve(s.getKey() + ".scenario"), s.getValue());
    }
    Path profiles = Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(
        profiles.resolve("page-scripted.yaml"),
        """
        name: page-scripted
        extends: scripted
        args: [-XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -Xmx24m, -Xss256k, -cp,
               '${scripted.classpath}', dev.delegate.scripted.ScriptedAgent, --ui, legacy,
               --scenarios, '%s']
        """
            .formatted(scenarioDir));
    ServeCommand command = new ServeCommand();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--roles", "api,processor,pool",
                "--data-dir", Files.createDirectories(dir.resolve("data")).toString(),
                "--workers", "2",
                "--api-port", "0",
                "--pool-port", "0",
                "--processor-port", "0",
                "--profiles-dir", profiles.toString(),
                "--agent", "page-scripted"));
    args.addAll(List.of(options));
    new CommandLine(command).parseArgs(args.toArray(String[]::new));
    Roles roles = Roles.start(command.toConfig(), new PrintStream(PrintStream.nullOutputStream()));
    String base = "http://127.0.0.1:" + roles.api().orElseThrow().port();
    ChromeDriver browser = Browser.start(Files.createDirectories(dir.resolve("chromium")));
    browser.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", CUTTABLE_EVENT_SOURCE));
    return new TaskPageServer(roles, browser, base);
  }

  /** Submits a task; answers its {@code taskId}, {@code jobId}, {@code prNumber}. */
  JsonNode submit(String title, String objective, List<String> criteria) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("title", title).put("objective", objective);
    criteria.forEach(body.putArray("acceptanceCriteria")::add);
    HttpResponse<String> response = post("/api/delegate/personal", body.toString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "submit answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  String jobState(String jobId) throws Exception {
    return get("/api/jobs/" + jobId).get("state").asText();
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(js, args);
  }

  WebDriver driver() {
    return browser;
  }

  @Override
  public void close() {
    browser.quit();
    roles.close();
  }
}
