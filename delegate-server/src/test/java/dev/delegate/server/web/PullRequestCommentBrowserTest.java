package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * The local forge's pull-request page takes a comment with a file and a line; it shows in the
 * conversation, and once the pull request is quiet the agent gets it in a follow-up job that
 * commits on the same branch.
 */
class PullRequestCommentBrowserTest {
  @TempDir static Path dir;
  private static TaskPageServer server;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    server = TaskPageServer.start(dir, Map.of(), "--max-attempts", "1", "--review-debounce", "1s");
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

  private static String state(String jobId) throws Exception {
    return server.get("/api/jobs/" + jobId).path("state").asText();
  }

  @Test
  void should_send_a_comment_from_the_pull_request_page_to_the_agent() throws Exception {
    JsonNode task = server.submit("Page comment", "scenario:note-page-think-0", List.of());
    String first = task.get("jobId").asText();
    await().atMost(Duration.ofSeconds(90)).until(() -> state(first).equals("SUCCEEDED"));
    int number = task.get("prNumber").asInt();

    browser.get(server.base + "/prs/local/sample-app/" + number);
    waitFor(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-form")));
    browser.findElement(By.id("comment-body")).sendKeys("Say which page this note is for");
    browser.findElement(By.id("comment-path")).sendKeys("notes/page.md");
    browser.findElement(By.id("comment-line")).sendKeys("1");
    browser.findElement(By.id("comment-button")).click();

    waitFor(20)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("comment-status"), "A follow-up job starts once the pull request is quiet"));
    waitFor(20)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("comments"), "On notes/page.md line 1:"));
    assertThat(browser.findElement(By.id("comment-body")).getAttribute("value")).isEmpty();
    Browser.screenshotsAtBothWidths(browser, "pr-comment");

    JsonNode followUp =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> server.get("/api/jobs?pr=" + number),
                job -> !job.path("id").asText().equals(first));
    String id = followUp.get("id").asText();
    await().atMost(Duration.ofSeconds(90)).until(() -> state(id).equals("SUCCEEDED"));
    assertThat(server.get("/api/tasks/" + task.get("taskId").asText()).get("jobId").asText())
        .isEqualTo(id);
    browser.navigate().refresh();
    waitFor(20)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("diff"), "REVIEW.md"));
    assertThat(browser.findElement(By.id("diff")).getText())
        .contains("Say which page this note is for");
  }
}
