package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.server.http.Http;
import dev.delegate.server.launch.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium on the whole service in this JVM: empty before any job,
 * then, after real jobs ran through the scripted agent, headline figures that match what the store
 * recorded, charts drawn on their canvases, drawn again in the dark theme.
 */
class DashboardBrowserTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String CANVAS_HASHES =
      """
      return [...document.querySelectorAll('#dash-charts canvas')].map((c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let sum = 0, painted = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3]) { painted++; sum = (sum * 31 + d[i] + d[i + 1] * 7 + d[i + 2] * 13) % 1000000007; }
        }
        return painted === 0 ? 'blank' : c.width + 'x' + c.height + ':' + painted + ':' + sum;
      });
      """;

  @TempDir static Path dir;
  private static BrowserServer server;
  private static Roles roles;
  private static WebDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    server = BrowserServer.start(dir);
    roles = server.roles;
    browser = server.browser;
    base = server.base;
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void should_show_what_the_jobs_did_in_figures_and_charts_in_both_themes() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get(base + "/dashboard");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dash-empty")));
    assertThat(browser.findElement(By.id("fig-tasks")).getText()).isEqualTo("0");
    assertThat(browser.findElement(By.id("dash-charts")).isDisplayed()).isFalse();
    Browser.screenshotsAtBothWidths(browser, "dashboard-empty");

    List<String> jobIds = new ArrayList<>();
    for (String objective :
        List.of(
            "scenario:note-dash1-think-0",
            "scenario:note-dash2-think-1",
            "scenario:crash",
            "scenario:note-dash3-think-0")) {
      jobIds.add(delegate(objective));
    }
    List<String> ends = new ArrayList<>();
    for (String id : jobIds) {
      ends.add(awaitEnd(id));
    }
    assertThat(ends).containsExactly("SUCCEEDED", "SUCCEEDED", "FAILED", "SUCCEEDED");

    JobStore jobs = roles.node().orElseThrow().jobs();
    List<Duration> timesToPr = new ArrayList<>();
    int allowed = 0;
    int denied = 0;
    for (String id : jobIds) {
      List<JobEvent> events = jobs.events(id);
      for (JobEvent e : events) {
        if (e.to() == JobState.SUCCEEDED && !e.isNote()) {
          timesToPr.add(Duration.between(jobs.find(id).orElseThrow().createdAt(), e.at()));
        }
        if (e.isNote() && e.message().startsWith(JobEvent.APPROVAL_NOTE + "deny")) {
          denied++;
        } else if (e.isNote() && e.message().startsWith(JobEvent.APPROVAL_NOTE)) {
          allowed++;
        }
      }
    }
    timesToPr.sort(null);
    assertThat(allowed).as("each note written was approved").isGreaterThanOrEqualTo(3);

    browser.get(base + "/dashboard");
    wait.until(ExpectedConditions.textToBe(By.id("fig-tasks"), "4"));
    assertThat(browser.findElement(By.id("fig-success")).getText()).isEqualTo("75 %");
    assertThat(browser.findElement(By.id("fig-success-note")).getText())
        .isEqualTo("3 succeeded · 1 failed");
    assertThat(browser.findElement(By.id("fig-median")).getText())
        .isEqualTo(duration(timesToPr.get(1)));
    assertThat(browser.findElement(By.id("fig-approvals")).getText())
        .isEqualTo(allowed + " / " + denied);
    assertThat(browser.findElement(By.id("dash-empty")).isDisplayed()).isFalse();
    wait.until(ExpectedConditions.attributeToBe(By.id("dash-charts"), "data-drawn", "light 24"));
    List<String> light = canvases();
    assertThat(light).hasSize(5).doesNotContain("blank");
    assertThat(
            ((JavascriptExecutor) browser)
                .executeScript("return document.querySelectorAll('style').length"))
        .as("no <style> element (CSP style-src 'self'): uPlot sets element.style only")
        .isEqualTo(0L);
    assertThat(browser.findElement(By.cssSelector("#approval-kinds tr[data-kind=write]")).getText())
        .startsWith("write");
    Browser.screenshotsAtBothWidths(browser, "dashboard");
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('chart-approvals').scrollIntoView()");
    Browser.screenshot(browser, "dashboard-approvals");

    browser.findElement(By.id("theme-toggle")).click();
    wait.until(ExpectedConditions.attributeToBe(By.id("dash-charts"), "data-drawn", "dark 24"));
    List<String> dark = canvases();
    assertThat(dark).hasSize(5).doesNotContain("blank");
    assertThat(dark).as("the charts drawn again in the dark theme's colours").isNotEqualTo(light);
    Browser.screenshotsAtBothWidths(browser, "dashboard-dark");

    browser.findElement(By.cssSelector(".dash-window button[data-hours='168']")).click();
    wait.until(ExpectedConditions.attributeToBe(By.id("dash-charts"), "data-drawn", "dark 168"));
    assertThat(browser.getCurrentUrl()).endsWith("/dashboard?hours=168");
    assertThat(browser.findElement(By.id("fig-tasks")).getText()).isEqualTo("4");
    browser.findElement(By.id("theme-toggle")).click();
  }

  private static List<String> canvases() {
    List<?> hashes = (List<?>) ((JavascriptExecutor) browser).executeScript(CANVAS_HASHES);
    return hashes.stream().map(String::valueOf).toList();
  }

  /** As the page shows a duration (js/dashboard.js, {@code duration}). */
  private static String duration(Duration d) {
    double s = d.toMillis() / 1000.0;
    if (s < 10) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    if (s < 60) {
      return Math.round(s) + " s";
    }
    long rest = Math.round(s % 60);
    return (long) (s / 60) + " min" + (rest == 0 ? "" : " " + rest + " s");
  }

  private static String delegate(String objective) throws Exception {
    String body = "{\"title\":\"Dashboard " + objective + "\",\"objective\":\"" + objective + "\"}";
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/api/delegate/personal"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Http.JSON.readTree(response.body()).path("jobId").asText();
  }

  private static String awaitEnd(String jobId) {
    return await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> state(jobId), state -> !state.isEmpty() && JobState.valueOf(state).isFinal());
  }

  private static String state(String jobId) throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + jobId)).build(),
            HttpResponse.BodyHandlers.ofString());
    return Http.JSON.readTree(response.body()).path("state").asText();
  }
}
