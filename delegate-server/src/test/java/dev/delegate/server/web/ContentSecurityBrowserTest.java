package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.http.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page of the web UI works under the server's Content-Security-Policy: Chromium reports no
 * violation on any of them (a blocked script or style would break the page silently), and the pages
 * a browser cannot find are proper 404 pages at both widths.
 */
class ContentSecurityBrowserTest {
  private static final String RECORD_VIOLATIONS =
      "window.__violations = [];"
          + "document.addEventListener('securitypolicyviolation', (e) =>"
          + " window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')"
          + " + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));";

  @TempDir static Path dir;
  private static BrowserServer server;
  private static ChromeDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    server = BrowserServer.start(dir);
    browser = server.browser;
    base = server.base;
    browser.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_VIOLATIONS));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void should_show_every_page_without_a_single_policy_violation() throws Exception {
    JsonNode created = delegateAndFinish();
    String task = "/tasks/" + created.path("taskId").asText();
    String pr = "/prs/local/sample-app/" + created.path("prNumber").asInt();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    for (String page : List.of("/", "/workers", "/dashboard", task, pr)) {
      browser.get(base + page);
      wait.until(d -> "complete".equals(js("return document.readyState")));
      if (page.equals(task)) {
        // the terminal (xterm.js writes its own styles) drew the agent's transcript
        wait.until(
            ExpectedConditions.textMatches(By.cssSelector("#terminal .xterm-rows"), anyText()));
      }
      Thread.sleep(300); // a violation is reported as an event after the load
      assertThat((List<?>) js("return window.__violations")).as(page).isEmpty();
    }
  }

  @Test
  void should_show_a_not_found_page_for_an_unknown_path() throws Exception {
    browser.get(base + "/no/such/page");
    assertThat(browser.findElement(By.cssSelector("#not-found h1")).getText())
        .isEqualTo("Page not found");
    Browser.screenshotsAtBothWidths(browser, "page-not-found");
    browser.findElement(By.id("home-link")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlToBe(base + "/"));
    assertThat((List<?>) js("return window.__violations")).isEmpty();
  }

  private static java.util.regex.Pattern anyText() {
    return java.util.regex.Pattern.compile("\\S");
  }

  private static Object js(String script) {
    return server.script(script);
  }

  private static JsonNode delegateAndFinish() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String body =
        """
        {"title":"Policy","objective":"Check the pages under the policy.","acceptanceCriteria":["None blocked"]}
        """;
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/delegate/personal"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    JsonNode created = Http.JSON.readTree(answer.body());
    String job = base + "/api/jobs/" + created.path("jobId").asText();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                Http.JSON
                    .readTree(
                        http.send(
                                HttpRequest.newBuilder(URI.create(job)).build(),
                                HttpResponse.BodyHandlers.ofString())
                            .body())
                    .path("state")
                    .asText()
                    .equals("SUCCEEDED"));
    return created;
  }
}
