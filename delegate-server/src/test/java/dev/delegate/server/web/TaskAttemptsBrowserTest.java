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
 * A job the processor tries twice (the agent crashes each time, printing the time first): the
 * terminal shows each attempt once, the second after its separator line and with its own output
 * (the stream opened for the second attempt must not show the first attempt's turn again).
 */
class TaskAttemptsBrowserTest {
  @TempDir static Path dir;
  private static TaskPageServer server;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    server =
        TaskPageServer.start(
            dir,
            Map.of(
                "slow-crash",
                """
                match scenario:slow-crash
                say Working on it, slowly.
                run date +%s%N
                think 3
                crash 3
                """),
            "--max-attempts",
            "2",
            "--retry-delay",
            "1s");
    browser = server.driver();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static long lines(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).count();
  }

  @Test
  void should_show_each_attempt_once_after_its_own_separator() throws Exception {
    JsonNode task = server.submit("Crashing twice", "scenario:slow-crash", List.of());
    browser.get(server.base + "/tasks/" + task.get("taskId").asText());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#terminal .xterm-rows"), "attempt 2 started"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "FAILED"));
    // the last output of the second attempt, then the stream's end
    wait.until(
        d ->
            lines(
                    d.findElement(By.cssSelector("#terminal .xterm-rows")).getText(),
                    "scripted crash")
                == 2);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("terminal-status"), "The turn is over"));
    String shown = browser.findElement(By.cssSelector("#terminal .xterm-rows")).getText();
    assertThat(lines(shown, "Working on it, slowly.")).as(shown).isEqualTo(2);
    assertThat(lines(shown, "attempt 2 started")).as(shown).isEqualTo(1);
    assertThat(shown.indexOf("attempt 2 started"))
        .isBetween(shown.indexOf("Working on it"), shown.lastIndexOf("Working on it"));
    java.util.regex.Pattern stamp = java.util.regex.Pattern.compile("\\b\\d{19}\\b");
    String first = shown.substring(0, shown.indexOf("attempt 2 started"));
    String second = shown.substring(shown.indexOf("attempt 2 started"));
    java.util.regex.Matcher a = stamp.matcher(first);
    java.util.regex.Matcher b = stamp.matcher(second);
    assertThat(a.find() && b.find()).as("each attempt printed its time: %s", shown).isTrue();
    assertThat(b.group())
        .as("the second attempt's own output, not the first's replayed: %s", shown)
        .isNotEqualTo(a.group());
    assertThat(browser.findElement(By.id("timeline")).getText())
        .contains("Attempt 1 failed (")
        .contains("Started on a worker (attempt 2)");
    assertThat(server.get("/api/jobs/" + task.get("jobId").asText()).get("attempts").asInt())
        .isEqualTo(2);
  }
}
