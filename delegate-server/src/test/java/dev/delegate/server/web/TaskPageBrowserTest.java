package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.agent.Usage;
import dev.delegate.server.http.SseReader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The task page through a job's life, in a real browser against the whole service: the request
 * beside the state, the live terminal surviving dropped connections without repeating a line, the
 * history as sentences, the diff, and the page for an unknown task.
 */
class TaskPageBrowserTest {
  @TempDir static Path dir;
  private static TaskPageServer server;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    server =
        TaskPageServer.start(
            dir,
            Map.of(
                "slow-write",
                """
                match scenario:slow-write
                say Looking at the repository for the notes folder.
                think 3
                say Halfway there: writing the note next.
                think 3
                write notes/slow.md <<EOF
                # Slow note

                Written slowly by the scripted agent.
                EOF
                reply Wrote notes/slow.md.
                """));
    browser = server.driver();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static WebDriverWait waitFor(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private static String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private static int count(String haystack, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /**
   * Cuts the page's terminal stream as a network drop would; the page reconnects by itself. The
   * page may be between two streams (it opens a new one after reading the task again), so the cut
   * waits, a few seconds at most, for one to be open.
   */
  private static void cutTerminalStream() {
    long cut =
        waitFor(10)
            .until(
                driver -> {
                  Object n =
                      server.script(
                          "return window.__sources"
                              + ".filter(s => s.url.includes('/terminal') && s.cut()).length");
                  long count = ((Number) n).longValue();
                  return count > 0 ? count : null;
                });
    assertThat(cut).as("terminal streams cut").isEqualTo(1);
  }

  @Test
  void should_show_the_request_follow_the_agent_through_dropped_connections_and_show_the_diff()
      throws Exception {
    JsonNode task =
        server.submit(
            "Slow note",
            "scenario:slow-write — add a note",
            List.of("notes/slow.md exists", "Nothing else changes"));
    browser.get(server.base + "/tasks/" + task.get("taskId").asText());
    WebDriverWait agent = waitFor(90);
    agent.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#terminal .xterm-rows"), "Looking at the repository"));

    assertThat(text("#objective")).isEqualTo("scenario:slow-write — add a note");
    assertThat(browser.findElements(By.cssSelector("#criteria li")))
        .extracting(e -> e.getAttribute("data-verdict"), WebElement::getText)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("open", "☐ notes/slow.md exists"),
            org.assertj.core.groups.Tuple.tuple("open", "☐ Nothing else changes"));
    assertThat(text("#repo")).contains("local/sample-app").contains("base main");
    assertThat(browser.findElement(By.id("cancel-button")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("retry-form")).isDisplayed()).isFalse();
    assertThat(text("#diff")).isEqualTo("The diff appears when the agent's commit is pushed.");
    assertThat(text("#terminal-status")).doesNotContain("@");
    Browser.screenshotsAtBothWidths(browser, "task-running");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(Browser.PHONE, 844));
    try {
      List<?> widths =
          (List<?>)
              server.script(
                  "const box = document.getElementById('terminal-box');"
                      + " return [box.scrollWidth, box.clientWidth,"
                      + " document.documentElement.scrollWidth, document.documentElement.clientWidth];");
      assertThat(((Number) widths.get(0)).longValue())
          .as("the terminal scrolls inside its box on a phone: %s", widths)
          .isGreaterThan(((Number) widths.get(1)).longValue());
      assertThat(((Number) widths.get(2)).longValue())
          .as("the page is no wider than the phone: %s", widths)
          .isLessThanOrEqualTo(((Number) widths.get(3)).longValue());
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(Browser.DESKTOP, 1100));
    }

    cutTerminalStream();
    agent.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#terminal .xterm-rows"), "Halfway there"));
    cutTerminalStream();
    agent.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "SUCCEEDED"));
    waitFor(20)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".diff-file[data-path='notes/slow.md']")));
    waitFor(20)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("criteria-summary"), "2 of 2 acceptance criteria met"));
    assertThat(browser.findElements(By.cssSelector("#criteria li")))
        .extracting(e -> e.getAttribute("data-verdict"), WebElement::getText)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "met",
                "☑ notes/slow.md exists — met: TASK.md:1 (scripted agent: judged without looking)"),
            org.assertj.core.groups.Tuple.tuple(
                "met",
                "☑ Nothing else changes — met: TASK.md:1 (scripted agent: judged without looking)"));
    String terminal = text("#terminal .xterm-rows");
    assertThat(count(terminal, "Looking at the repository for the notes folder."))
        .as("a line printed before both cuts, in:\n%s", terminal)
        .isEqualTo(1);
    assertThat(count(terminal, "Halfway there: writing the note next.")).isEqualTo(1);
    assertThat(terminal).doesNotContain("attempt");
    String jobId = task.get("jobId").asText();
    try (SseReader replay =
        SseReader.open(URI.create(server.base + "/api/jobs/" + jobId + "/terminal"))) {
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(replay::ended);
      assertThat(replay.data("start"))
          .as("the replay of a turn that was over says so")
          .singleElement()
          .satisfies(start -> assertThat(start.path("ended").asBoolean()).isTrue());
    }

    String timeline = text("#timeline");
    assertThat(timeline)
        .contains("Queued")
        .contains("Started on a worker")
        .contains("The agent started working")
        .contains("Committed 1 file as ")
        .contains("Pushed ")
        .doesNotContain("@")
        .doesNotContain(dir.toString())
        .doesNotContain("claimed by");
    assertThat(text("#approvals")).contains("Allowed fs_write on notes/slow.md (policy: trust)");
    browser.findElement(By.cssSelector("#raw-events summary")).click();
    assertThat(text("#raw-events-list")).contains("claimed by").contains("workspace ");
    assertThat(browser.findElement(By.id("retry-form")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("cancel-button")).isDisplayed()).isFalse();

    assertThat(text(".diff-total"))
        .as("TASK.md and the note")
        .matches("2 files changed \\+\\d+ −0");
    assertThat(text(".diff-files")).contains("TASK.md").contains("notes/slow.md +3 −0");
    WebElement file = browser.findElement(By.cssSelector(".diff-file[data-path='notes/slow.md']"));
    assertThat(file.findElement(By.cssSelector(".diff-counts")).getText()).isEqualTo("+3 −0");
    assertThat(file.findElement(By.cssSelector(".diff-status")).getText()).isEqualTo("added");
    List<WebElement> added = file.findElements(By.cssSelector("table.unified tr.add"));
    assertThat(added)
        .extracting(r -> r.findElements(By.cssSelector("td")).get(1).getText())
        .containsExactly("1", "2", "3");
    assertThat(added.get(2).getText()).contains("+Written slowly by the scripted agent.");
    Browser.screenshotsAtBothWidths(browser, "task-succeeded");

    browser.findElement(By.cssSelector(".diff-mode[data-mode='split']")).click();
    assertThat(file.findElements(By.cssSelector("table.split td.code.add"))).hasSize(3);
    file.findElement(By.cssSelector(".diff-toggle")).click();
    assertThat(file.findElement(By.cssSelector(".diff-body")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("usage")).isDisplayed())
        .as("the scripted terminal agent reports no usage: no row")
        .isFalse();
    server
        .roles
        .node()
        .orElseThrow()
        .database()
        .jobStore()
        .addUsage(
            jobId,
            Usage.NONE
                .withInputTokens(12_345)
                .withOutputTokens(2_100)
                .withCostUsd(new BigDecimal("0.0312"))
                .withCredits(new BigDecimal("0.42")));
    browser.navigate().refresh();
    WebElement again =
        waitFor(20)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(".diff-file[data-path='notes/slow.md'] table.split")));
    assertThat(again.isDisplayed()).as("split is remembered after a reload").isTrue();
    assertThat(text("#usage")).isEqualTo("12,345 in · 2,100 out · $0.0312 · 0.42 credits");
    assertThat(count(text("#terminal .xterm-rows"), "Halfway there")).isEqualTo(1);
    browser.findElement(By.cssSelector(".diff-mode[data-mode='unified']")).click();

    browser.findElement(By.id("pr-link")).click();
    waitFor(20)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#diff .diff-file[data-path='notes/slow.md'] table.unified")));
    assertThat(text("#title")).contains("Slow note");
    waitFor(20)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("task"), "Slow note"));
    assertThat(browser.findElement(By.id("task-link")).getAttribute("href"))
        .isEqualTo(server.base + "/tasks/" + task.get("taskId").asText());
    Browser.screenshotsAtBothWidths(browser, "pr-page");
  }

  @Test
  void should_cancel_a_running_job_from_its_page() throws Exception {
    JsonNode task = server.submit("Long think", "scenario:think-60", List.of());
    browser.get(server.base + "/tasks/" + task.get("taskId").asText());
    waitFor(60)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "RUNNING"));
    try (SseReader live =
        SseReader.open(
            URI.create(server.base + "/api/jobs/" + task.get("jobId").asText() + "/terminal"))) {
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !live.data("start").isEmpty());
      assertThat(live.data("start").getFirst().has("ended")).as("a running turn").isFalse();
    }
    assertThat(browser.findElements(By.cssSelector("#criteria li"))).isEmpty();
    assertThat(browser.findElement(By.id("criteria-block")).isDisplayed()).isFalse();
    browser.findElement(By.id("cancel-button")).click();
    waitFor(30)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "CANCELLED"));
    waitFor(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("retry-form")));
    assertThat(browser.findElement(By.id("cancel-button")).isDisplayed()).isFalse();
    assertThat(text("#failure")).contains("cancelled by a person");
    assertThat(text("#diff")).isEqualTo("No diff: the job ended without a commit.");
    assertThat(text("#timeline")).contains("Cancelled: cancelled by a person");
    assertThat(server.jobState(task.get("jobId").asText())).isEqualTo("CANCELLED");
    Browser.screenshotsAtBothWidths(browser, "task-cancelled");
  }

  @Test
  void should_say_there_is_no_such_task_for_an_unknown_id() throws Exception {
    browser.get(server.base + "/tasks/no-such-task");
    WebElement missing =
        waitFor(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("not-found")));
    assertThat(missing.findElement(By.tagName("h1")).getText()).isEqualTo("No such task");
    assertThat(browser.findElement(By.id("home-link")).getAttribute("href"))
        .isEqualTo(server.base + "/");
    assertThat(browser.findElements(By.id("terminal"))).isEmpty();
    assertThat(browser.findElements(By.id("timeline"))).isEmpty();
    assertThat(text("main")).doesNotContain("Waiting for the agent");
    assertThat(browser.getTitle()).startsWith("No such task");
    Browser.screenshotsAtBothWidths(browser, "task-not-found");
  }
}
