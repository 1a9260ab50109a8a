package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A failed job retried from its task page: a refusal in words, then a retry that the page follows,
 * each attempt's output after its own separator line in the terminal.
 */
class TaskRetryBrowserTest {
  /** Makes the page's next retry lose a race: another retry of the same job is sent just before. */
  private static final String RETRY_FIRST_ELSEWHERE =
      """
      const real = window.fetch;
      window.fetch = async (url, options) => {
        if (String(url).endsWith('/retry') && !window.__raced) {
          window.__raced = true;
          await real(url, { method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ instructions: 'sent from elsewhere' }) });
        }
        return real(url, options);
      };
      """;

  @TempDir static Path dir;
  private static TaskPageServer server;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    server = TaskPageServer.start(dir, Map.of());
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

  private static long count(String haystack, String needle) {
    return haystack.lines().filter(l -> l.contains(needle)).count();
  }

  private static String terminal() {
    return text("#terminal .xterm-rows");
  }

  @Test
  void should_retry_a_failed_job_and_say_why_a_retry_was_refused() throws Exception {
    // no acceptance criteria: their check would add turns to each attempt's terminal
    JsonNode task = server.submit("No changes", "zero-think", List.of());
    String first = task.get("jobId").asText();
    browser.get(server.base + "/tasks/" + task.get("taskId").asText());
    waitFor(90)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "FAILED"));
    waitFor(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("retry-form")));
    waitFor(20)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#terminal .xterm-rows"), "zero-think: done."));
    assertThat(text("#failure")).contains("the agent made no changes");
    assertThat(text("#timeline")).contains("Failed: ");
    assertThat(text("#diff")).isEqualTo("No diff: the job ended without a commit.");
    assertThat(browser.findElement(By.id("cancel-button")).isDisplayed()).isFalse();
    Browser.screenshotsAtBothWidths(browser, "task-failed");

    server.script(RETRY_FIRST_ELSEWHERE);
    browser.findElement(By.id("retry-button")).click();
    waitFor(20)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("action-status"), "Not retried"));
    assertThat(browser.findElement(By.id("action-status")).getAttribute("class")).contains("error");
    assertThat(text("#action-status")).contains("still running");
    assertThat(browser.findElement(By.id("retry-button")).isEnabled()).isTrue();

    waitFor(90)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#terminal .xterm-rows"), "attempt 2 started"));
    waitFor(90).until(d -> count(terminal(), "zero-think: done.") == 2);
    waitFor(90)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "FAILED"));
    JsonNode now = server.get("/api/tasks/" + task.get("taskId").asText());
    assertThat(now.get("jobId").asText()).isNotEqualTo(first);

    waitFor(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("retry-form")));
    browser.findElement(By.id("retry-instructions")).sendKeys("Try harder this time");
    browser.findElement(By.id("retry-button")).click();
    waitFor(90)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#terminal .xterm-rows"), "attempt 3 started"));
    waitFor(90).until(d -> count(terminal(), "zero-think: done.") == 3);
    waitFor(90)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "FAILED"));
    String shown = terminal();
    assertThat(count(shown, "attempt 2 started")).as(shown).isEqualTo(1);
    assertThat(count(shown, "attempt 3 started")).as(shown).isEqualTo(1);
    // the terminal wraps long lines where its width falls
    assertThat(shown.replace("\n", "")).contains("Additional instructions: Try harder this time");
    assertThat(shown.indexOf("attempt 2 started")).isLessThan(shown.indexOf("attempt 3 started"));
  }
}
