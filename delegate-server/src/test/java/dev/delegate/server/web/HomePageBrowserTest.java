package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.task.StoredTask;
import dev.delegate.core.task.Task;
import dev.delegate.core.task.TaskStore;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.http.Http;
import dev.delegate.server.launch.Roles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The home page in a real headless Chromium against an API node alone (no processor takes the jobs,
 * so a job stays {@code QUEUED} until the test moves it): more tasks than one page, the filters and
 * search kept in the address, the live list, and the form.
 */
class HomePageBrowserTest {
  static final RepoRef APP = new RepoRef("local", "sample-app");
  static final RepoRef DOCS = new RepoRef("acme", "docs");
  static final int SEEDED = 64;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path data;
  @TempDir static Path extra;
  static Roles roles;
  static WebDriver browser;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    roles = Servers.start(data, "api");
    base = "http://127.0.0.1:" + roles.api().orElseThrow().port();
    TaskStore tasks = roles.api().orElseThrow().services().tasks();
    Instant t0 = Instant.now().minus(Duration.ofDays(2));
    for (int i = 0; i < SEEDED; i++) {
      String title = (i % 8 == 4 ? "Export report " : "Seeded task ") + i;
      tasks.create(
          StoredTask.submitted(
              "seed-" + i,
              Task.of(title, "objective", "", List.of()),
              i % 4 == 0 ? DOCS : APP,
              "main",
              "b-" + i,
              t0.plusSeconds(i)));
    }
    browser = Browser.start(Files.createDirectories(extra.resolve("chromium")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (roles != null) {
      roles.close();
    }
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  /** The rows' task ids, read in one go (the page redraws rows as events come). */
  private static List<String> rowIds() {
    return texts("#tasks tbody tr", "dataset.task");
  }

  /** A property of every element {@code css} finds, read in one script. */
  @SuppressWarnings("unchecked")
  private static List<String> texts(String css, String property) {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(e => String(e."
                    + property
                    + "))",
                css);
  }

  private static void awaitRows(int count) {
    waiting().until(d -> rowIds().size() == count);
  }

  /** Screenshots with the task list in view. */
  private static void screenshots(String name) throws IOException {
    String toList = "document.getElementById('tasks-heading').scrollIntoView()";
    ((JavascriptExecutor) browser).executeScript(toList);
    Browser.screenshotsAtBothWidths(browser, name);
    // and the list itself on the phone, where the form fills the first screens
    var window = browser.manage().window();
    window.setSize(new org.openqa.selenium.Dimension(Browser.PHONE, 844));
    try {
      waiting()
          .until(
              d ->
                  (Long) ((JavascriptExecutor) d).executeScript("return window.innerWidth")
                      <= Browser.PHONE);
      ((JavascriptExecutor) browser).executeScript(toList);
      Browser.screenshot(browser, name + "-" + Browser.PHONE + "-list");
    } finally {
      window.setSize(new org.openqa.selenium.Dimension(Browser.DESKTOP, 1100));
    }
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return Http.JSON.readTree(answer.body());
  }

  private static JsonNode post(String path, String json) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Http.JSON.readTree(answer.body());
  }

  @Test
  void should_page_filter_and_search_the_list_and_keep_the_filters_in_the_address()
      throws Exception {
    List<String> all = new java.util.ArrayList<>();
    get("/api/tasks?limit=500").path("tasks").forEach(t -> all.add(t.path("id").asText()));
    assertThat(all).hasSizeGreaterThanOrEqualTo(SEEDED).hasSizeLessThan(100);
    browser.get(base + "/");
    awaitRows(50);
    assertThat(rowIds()).containsExactlyElementsOf(all.subList(0, 50));
    WebElement older = browser.findElement(By.id("load-older"));
    assertThat(older.isDisplayed()).isTrue();
    screenshots("home-1-list");

    older.click();
    awaitRows(all.size());
    assertThat(rowIds()).containsExactlyElementsOf(all).endsWith("seed-0");
    waiting().until(ExpectedConditions.invisibilityOf(older));

    new Select(browser.findElement(By.id("filter-state"))).selectByValue("SUBMITTED");
    browser.findElement(By.id("filter-repo")).sendKeys("acme/docs", Keys.ENTER);
    awaitRows(SEEDED / 4);
    assertThat(texts("#tasks td.repo", "textContent")).containsOnly("acme/docs");
    browser.findElement(By.id("filter-q")).sendKeys("EXPORT");
    awaitRows(SEEDED / 8); // 4, 12, …, 60: every other task of acme/docs
    assertThat(texts("#tasks td.title", "textContent"))
        .allSatisfy(title -> assertThat(title).startsWith("Export report"));
    waiting()
        .until(
            d ->
                d.getCurrentUrl().contains("state=SUBMITTED")
                    && d.getCurrentUrl().contains("repo=acme%2Fdocs")
                    && d.getCurrentUrl().contains("q=EXPORT"));
    screenshots("home-2-filtered");

    browser.navigate().refresh();
    waiting().until(ExpectedConditions.attributeToBe(By.id("filter-q"), "value", "EXPORT"));
    assertThat(browser.findElement(By.id("filter-repo")).getAttribute("value"))
        .isEqualTo("acme/docs");
    assertThat(browser.findElement(By.id("filter-state")).getAttribute("value"))
        .isEqualTo("SUBMITTED");
    awaitRows(SEEDED / 8);

    browser
        .findElement(By.id("filter-repo"))
        .sendKeys(Keys.chord(Keys.CONTROL, "a"), "not a repo", Keys.ENTER);
    waiting()
        .until(
            d ->
                (Boolean)
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "return !document.getElementById('filter-repo').validity.valid"));
    assertThat(rowIds()).as("a malformed repository is not asked for").hasSize(SEEDED / 8);
    assertThat(browser.getCurrentUrl()).contains("repo=acme%2Fdocs");

    browser.get(base + "/?state=TIMED_OUT");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("no-tasks")));
    assertThat(browser.findElement(By.id("no-tasks")).getText()).contains("No tasks match");
    screenshots("home-3-empty");
  }

  @Test
  void should_send_the_form_once_clear_it_and_follow_new_tasks_live() throws Exception {
    WebDriverWait wait = waiting();
    browser.get(base + "/?q=" + "Live%20one");
    wait.until(ExpectedConditions.attributeToBe(By.id("repo"), "value", "local/sample-app"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-tasks")));
    ((JavascriptExecutor) browser).executeScript("localStorage.removeItem('delegate.myJobs')");
    browser.findElement(By.id("title")).sendKeys("Live one: export as CSV");
    browser.findElement(By.id("objective")).sendKeys("Add a CSV export");
    browser.findElement(By.id("constraints")).sendKeys("No new dependencies");
    browser.findElement(By.cssSelector("#criteria input")).sendKeys("A CSV downloads");
    browser.findElement(By.id("add-criterion")).click();
    browser.findElements(By.cssSelector("#criteria input")).getLast().sendKeys("Header row");
    browser.findElements(By.cssSelector("#criteria .add-check")).getLast().click();
    browser
        .findElement(By.cssSelector("#criteria input[name='check']"))
        .sendKeys("head -1 export.csv | grep -q title");
    Browser.screenshotsAtBothWidths(browser, "home-4-form");

    WebElement submit = browser.findElement(By.id("submit"));
    new Actions(browser).doubleClick(submit).perform();
    ((JavascriptExecutor) browser)
        .executeScript(
            "const f = document.getElementById('task-form'); f.requestSubmit(); f.requestSubmit();");
    WebElement prLink = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pr-link")));
    assertThat(prLink.getAttribute("href")).startsWith(base + "/prs/local/sample-app/");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("submit")));

    JsonNode made = get("/api/tasks?q=" + "Live%20one");
    assertThat(made.path("tasks").size()).as("one request, one task").isEqualTo(1);
    JsonNode task = made.path("tasks").get(0);
    String jobId = task.path("jobId").asText();
    assertThat(task.path("acceptanceCriteria").toString())
        .as("the second criterion with its check command")
        .isEqualTo(
            "[\"A CSV downloads\",{\"text\":\"Header row\","
                + "\"check\":\"head -1 export.csv | grep -q title\"}]");
    assertThat(browser.findElement(By.id("title")).getAttribute("value")).isEmpty();
    assertThat(browser.findElement(By.id("objective")).getAttribute("value")).isEmpty();
    assertThat(browser.findElement(By.id("constraints")).getAttribute("value")).isEmpty();
    assertThat(browser.findElements(By.cssSelector("#criteria input")))
        .singleElement()
        .satisfies(input -> assertThat(input.getAttribute("value")).isEmpty());
    assertThat(browser.findElement(By.id("repo")).getAttribute("value"))
        .isEqualTo("local/sample-app");
    assertThat(browser.findElement(By.id("task-link")).isDisplayed()).isTrue();
    Object remembered =
        ((JavascriptExecutor) browser)
            .executeScript("return JSON.parse(localStorage.getItem('delegate.myJobs'))");
    assertThat(remembered).isEqualTo(List.of(jobId));

    String row = "#tasks tr[data-task='" + task.path("id").asText() + "']";
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(row + " .job-state"), "QUEUED"));
    assertThat(rowIds()).containsExactly(task.path("id").asText());
    assertThat(browser.findElement(By.cssSelector(row + " .pr a")).getAttribute("href"))
        .startsWith(base + "/prs/local/sample-app/");
    screenshots("home-5-created");

    // made elsewhere: one matching the search appears at the top, one not matching stays away
    JsonNode other =
        post("/api/delegate/personal", "{\"title\":\"Unrelated chore\",\"objective\":\"Tidy up\"}");
    JsonNode second =
        post(
            "/api/delegate/personal",
            "{\"title\":\"Live one, second\",\"objective\":\"Another export\"}");
    wait.until(d -> rowIds().size() == 2);
    assertThat(rowIds()).containsExactly(second.path("taskId").asText(), task.path("id").asText());
    assertThat(rowIds()).doesNotContain(other.path("taskId").asText());

    post("/api/jobs/" + jobId + "/cancel", "{\"reason\":\"changed my mind\"}");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(row + " .job-state"), "CANCELLED"));
    assertThat(browser.getCurrentUrl()).as("no reload").contains("q=Live");
    screenshots("home-6-live");
  }
}
