package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * The diff view on a pull request page with a large diff, a rename and a binary file: the files
 * past the first few thousand lines start collapsed with no lines drawn, until opened. The page's
 * rebase button queues a rebase job.
 */
class DiffViewBrowserTest {
  private static final int LINES = 2500;

  @TempDir static Path dir;
  private static TaskPageServer server;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    server =
        TaskPageServer.start(
            dir,
            Map.of(
                "big-diff",
                """
                match scenario:big-diff
                write big/one.txt <<EOF
                %s
                EOF
                write big/two.txt <<EOF
                %s
                EOF
                run mkdir -p docs && mv README.md docs/README.md
                run printf 'PNG\\000\\001\\002\\003' > logo.bin
                reply Wrote two big files, moved the README and added a logo.
                """
                    .formatted(numbered("one"), numbered("two"))));
    browser = server.driver();
  }

  private static String numbered(String name) {
    return IntStream.rangeClosed(1, LINES)
        .mapToObj(i -> "line " + i + " of " + name)
        .collect(Collectors.joining("\n"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static WebElement file(String path) {
    return browser.findElement(By.cssSelector(".diff-file[data-path='" + path + "']"));
  }

  @Test
  void should_draw_a_large_diff_lazily_and_show_renames_and_binary_files() throws Exception {
    JsonNode task = server.submit("Big diff", "scenario:big-diff", List.of());
    String jobId = task.get("jobId").asText();
    new WebDriverWait(browser, Duration.ofSeconds(120))
        .pollingEvery(Duration.ofMillis(500))
        .until(
            d -> !List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING").contains(state(jobId)));
    assertThat(state(jobId)).isEqualTo("SUCCEEDED");
    browser.get(server.base + "/prs/local/sample-app/" + task.get("prNumber").asInt());
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".diff-file[data-path='big/two.txt']")));

    assertThat(browser.findElement(By.cssSelector(".diff-total")).getText())
        .startsWith("5 files changed");
    WebElement one = file("big/one.txt");
    assertThat(one.findElement(By.cssSelector(".diff-toggle")).getAttribute("aria-expanded"))
        .isEqualTo("true");
    assertThat(one.findElements(By.cssSelector("tr.add"))).hasSize(LINES);
    assertThat(one.findElement(By.cssSelector(".diff-counts")).getText()).isEqualTo("+2500 −0");

    WebElement two = file("big/two.txt");
    WebElement toggle = two.findElement(By.cssSelector(".diff-toggle"));
    assertThat(toggle.getAttribute("aria-expanded"))
        .as("a file past the first few thousand lines starts collapsed")
        .isEqualTo("false");
    assertThat(two.findElements(By.cssSelector("tr"))).as("its lines are not drawn yet").isEmpty();
    assertThat(two.findElement(By.cssSelector(".diff-counts")).getText()).isEqualTo("+2500 −0");

    WebElement renamed = file("docs/README.md");
    assertThat(renamed.findElement(By.cssSelector(".diff-path")).getText())
        .isEqualTo("README.md → docs/README.md");
    assertThat(renamed.findElement(By.cssSelector(".diff-status")).getText()).isEqualTo("renamed");
    assertThat(renamed.getText()).contains("Renamed without changes.");

    WebElement binary = file("logo.bin");
    assertThat(binary.findElements(By.cssSelector(".diff-status")))
        .extracting(WebElement::getText)
        .contains("binary");
    assertThat(binary.getText()).contains("Binary file: its contents are not shown.");
    Browser.screenshotsAtBothWidths(browser, "diff-large");

    toggle.click();
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
    List<WebElement> rows = two.findElements(By.cssSelector("tr.add"));
    assertThat(rows).hasSize(LINES);
    assertThat(rows.getLast().findElements(By.cssSelector("td")).get(1).getText())
        .isEqualTo(String.valueOf(LINES));
    assertThat(rows.getLast().getText()).contains("+line 2500 of two");
  }

  @Test
  void should_queue_a_rebase_from_the_pull_request_page() throws Exception {
    JsonNode task = server.submit("Rebase me", "a note to rebase", List.of());
    String jobId = task.get("jobId").asText();
    new WebDriverWait(browser, Duration.ofSeconds(120))
        .pollingEvery(Duration.ofMillis(500))
        .until(
            d -> !List.of("QUEUED", "PREPARING", "RUNNING", "COMMITTING").contains(state(jobId)));
    browser.get(server.base + "/prs/local/sample-app/" + task.get("prNumber").asInt());
    WebElement button =
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("rebase-button")));
    assertThat(button.getText()).isEqualTo("Rebase onto main");

    button.click();

    String rebaseJob =
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(ExpectedConditions.presenceOfElementLocated(By.id("rebase-job")))
            .getText();
    assertThat(rebaseJob).isNotEqualTo(jobId);
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .pollingEvery(Duration.ofMillis(500))
        .until(d -> state(rebaseJob).equals("SUCCEEDED"));
  }

  private static String state(String jobId) {
    try {
      return server.jobState(jobId);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
