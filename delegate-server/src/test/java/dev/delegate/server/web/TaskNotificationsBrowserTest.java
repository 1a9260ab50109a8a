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
 * Browser notifications for "my" jobs, with the permission granted through the DevTools protocol
 * and every {@code new Notification(…)} recorded by a script that runs before the page's own.
 */
class TaskNotificationsBrowserTest {
  /** Records notifications in {@code window.__notes} and permission requests in {@code __asked}. */
  private static final String RECORD_NOTIFICATIONS =
      """
      (() => {
        const Real = window.Notification;
        if (!Real) return;
        window.__notes = [];
        window.__asked = 0;
        class Recorded extends Real {
          constructor(title, options) {
            super(title, options);
            window.__notes.push({ title, body: options && options.body, note: this });
          }
          static get permission() { return Real.permission; }
          static requestPermission(...args) { window.__asked++; return Real.requestPermission(...args); }
        }
        window.Notification = Recorded;
      })();
      """;

  @TempDir static Path dir;
  private static TaskPageServer server;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    server =
        TaskPageServer.start(
            dir,
            Map.of(
                "ask-later",
                """
                match scenario:ask-later
                say Reading the task first.
                think 3
                ask Which file name should the note use?
                write notes/${answer}.md <<EOF
                A note named by a person.
                EOF
                reply Wrote notes/${answer}.md.
                """));
    browser = server.driver();
    server.browser.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of("origin", server.base, "permissions", List.of("notifications")));
    server.browser.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_NOTIFICATIONS));
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

  @SuppressWarnings("unchecked")
  private static List<String> titles() {
    return (List<String>) server.script("return (window.__notes || []).map(n => n.title)");
  }

  private static void awaitNotification(String title) {
    waitFor(90)
        .withMessage(() -> "a notification \"" + title + "\" among " + titles())
        .until(d -> titles().contains(title));
  }

  @Test
  void should_notify_about_my_jobs_once_asked_to_and_open_the_task_on_a_click() throws Exception {
    JsonNode asking = server.submit("Named note", "scenario:ask-later", List.of());
    browser.get(server.base + "/tasks/" + asking.get("taskId").asText());
    var button = waitFor(20).until(ExpectedConditions.elementToBeClickable(By.id("notify-button")));
    assertThat(button.getText()).isEqualTo("Notify me");
    assertThat(button.getAttribute("aria-pressed")).isEqualTo("false");
    assertThat(((Number) server.script("return window.__asked")).intValue())
        .as("the page never asks for the permission on load")
        .isZero();

    button.click();
    waitFor(10)
        .until(ExpectedConditions.attributeToBe(By.id("notify-button"), "aria-pressed", "true"));
    assertThat(browser.findElement(By.id("notify-button")).getText()).contains("Notifying you");
    waitFor(90)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "NEEDS_INPUT"));
    awaitNotification("Named note needs your answer");
    Browser.screenshotsAtBothWidths(browser, "task-needs-input");

    // One job submitted elsewhere and listed as mine, one that is not: only mine is told.
    JsonNode other = server.submit("Not mine", "scenario:note-other-think-0", List.of());
    JsonNode mine = server.submit("Mine", "scenario:note-mine-think-1", List.of());
    server.script(
        "localStorage.setItem('delegate.myJobs', JSON.stringify([arguments[0]]))",
        mine.get("jobId").asText());
    awaitNotification("Mine succeeded");
    assertThat(server.jobState(other.get("jobId").asText())).isEqualTo("SUCCEEDED");
    assertThat(titles()).noneMatch(t -> t.startsWith("Not mine"));

    browser.findElement(By.id("answer")).sendKeys("named");
    browser.findElement(By.id("answer-button")).click();
    awaitNotification("Named note succeeded");
    assertThat(titles()).filteredOn(t -> t.equals("Named note needs your answer")).hasSize(1);

    server.script(
        "window.__notes.find(n => n.title === 'Mine succeeded').note.dispatchEvent(new Event('click'))");
    waitFor(20)
        .until(ExpectedConditions.urlToBe(server.base + "/tasks/" + mine.get("taskId").asText()));
    waitFor(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), "Mine"));
    assertThat(browser.findElement(By.id("notify-button")).getAttribute("aria-pressed"))
        .as("a job listed in delegate.myJobs is notified about")
        .isEqualTo("true");
  }

  @Test
  void should_notify_about_a_task_submitted_from_the_home_page() throws Exception {
    browser.get(server.base + "/");
    server.script("localStorage.removeItem('delegate.notify')");
    browser.navigate().refresh();
    var button = waitFor(20).until(ExpectedConditions.elementToBeClickable(By.id("notify-button")));
    assertThat(button.getAttribute("aria-pressed")).isEqualTo("false");
    button.click();
    waitFor(10)
        .until(ExpectedConditions.attributeToBe(By.id("notify-button"), "aria-pressed", "true"));

    browser.findElement(By.id("title")).sendKeys("From the form");
    browser.findElement(By.id("objective")).sendKeys("scenario:note-form-think-1");
    browser.findElement(By.cssSelector("#criteria input")).sendKeys("A note exists");
    browser.findElement(By.id("submit")).click();
    waitFor(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("task-link")));
    awaitNotification("From the form succeeded");
  }
}
