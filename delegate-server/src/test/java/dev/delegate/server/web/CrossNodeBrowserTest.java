package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.server.delegation.Servers;
import dev.delegate.server.http.Http;
import dev.delegate.server.launch.Roles;
import dev.delegate.server.live.CrossNodeLiveTest;
import dev.delegate.testkit.postgres.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages of an API node in Chromium while a worker node apart (one PostgreSQL) runs the jobs:
 * the task page shows the agent's terminal relayed from the worker node, unchanged, and the workers
 * page shows the worker node's workers under its id.
 */
class CrossNodeBrowserTest {
  @TempDir static Path data;
  @TempDir static Path extra;
  private static Roles apiNode;
  private static Roles workerNode;
  private static WebDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    PostgresServer postgres = PostgresServer.shared();
    Path password = extra.resolve("database-password");
    Files.writeString(password, postgres.password() + "\n");
    Path profiles = CrossNodeLiveTest.relayProfile(extra.resolve("agent"));
    String[] common = {
      "--database-url", postgres.newDatabase(),
      "--database-user", PostgresServer.USER,
      "--database-password-file", password.toString(),
      "--profiles-dir", profiles.toString(),
      "--agent", "relay-scripted"
    };
    apiNode = Servers.start(data, "api", common);
    workerNode =
        Servers.start(
            data,
            "processor,pool",
            Stream.concat(Stream.of(common), Stream.of("--workers", "2")).toArray(String[]::new));
    base = "http://127.0.0.1:" + apiNode.api().orElseThrow().port();
    browser = Browser.start(Files.createDirectories(extra.resolve("chromium")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (workerNode != null) {
      workerNode.close();
    }
    if (apiNode != null) {
      apiNode.close();
    }
  }

  @Test
  void should_show_the_worker_nodes_terminal_and_workers_on_the_api_nodes_pages() throws Exception {
    String workerId = workerNode.node().orElseThrow().id();
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/delegate/personal"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"title\":\"Relayed in the page\","
                                + "\"objective\":\"relay the terminal\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String taskId = Http.JSON.readTree(created.body()).path("taskId").asText();

    browser.get(base + "/tasks/" + taskId);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#terminal .xterm-rows"), "Relay marker"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "SUCCEEDED"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("terminal-status"), "The turn is over"));
    Browser.screenshot(browser, "cross-node-1-task");

    browser.get(base + "/workers");
    // the page draws a node's section again on each of its events: look each part up afresh
    String group = "section.node[data-node='" + workerId + "']";
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(group + " tr[data-worker='2']"), "READY"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(group + " h2"), workerId));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(group + " h2"), "up"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(group + " .node-meta"), "pool, processor"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(group + " .node-meta"), "heartbeat"));
    assertThat(browser.findElements(By.cssSelector("section.node")))
        .as("the API node has no pool: one section")
        .hasSize(1);
    Browser.screenshot(browser, "cross-node-2-workers");
  }
}
