package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.node.NodeRecord;
import dev.delegate.server.launch.Roles;
import dev.delegate.server.launch.ServeCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * The whole service in this JVM (API, processor and pool on free ports, a temporary data directory,
 * the scripted agent playing a scenario that thinks a few seconds), driven by a real headless
 * Chromium: the form, the pull request link, the live terminal, the end state, the diff.
 */
class WebUiBrowserTest {
  @TempDir static Path data;
  @TempDir static Path extra;
  private static Roles roles;
  private static WebDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    Path profiles = liveProfile(extra);
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs(
            "--roles", "api,processor,pool",
            "--data-dir", data.toString(),
            "--workers", "1",
            "--api-port", "0",
            "--pool-port", "0",
            "--processor-port", "0",
            "--profiles-dir", profiles.toString(),
            "--agent", "live-scripted",
            "--max-attempts", "1");
    roles = Roles.start(command.toConfig(), new PrintStream(PrintStream.nullOutputStream()));
    base = "http://127.0.0.1:" + roles.api().orElseThrow().port();
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

  @Test
  void should_turn_the_form_into_a_pull_request_and_show_the_agent_working_live() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get(base + "/");
    wait.until(ExpectedConditions.attributeToBe(By.id("repo"), "value", "local/sample-app"));
    browser.findElement(By.id("title")).sendKeys("Live terminal demo");
    browser
        .findElement(By.id("objective"))
        .sendKeys("Add a CHANGELOG entry <b>for</b> the export feature & say so.");
    browser.findElement(By.id("constraints")).sendKeys("Keep it to one file.");
    browser.findElement(By.cssSelector("#criteria input")).sendKeys("CHANGELOG.md mentions it");
    browser.findElement(By.id("add-criterion")).click();
    browser
        .findElements(By.cssSelector("#criteria input"))
        .getLast()
        .sendKeys("Nothing else changes");
    Browser.screenshot(browser, "1-form");

    browser.findElement(By.xpath("//button[normalize-space()='Generate Code & PR']")).click();
    WebElement prLink = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pr-link")));
    assertThat(prLink.getText()).contains("/prs/local/sample-app/");
    assertThat(prLink.getAttribute("href")).startsWith(base + "/prs/local/sample-app/");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#tasks tbody"), "Live terminal demo"));

    browser.findElement(By.id("task-link")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("title"), "Live terminal demo"));
    WebDriverWait agentWait = new WebDriverWait(browser, Duration.ofSeconds(90));
    agentWait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#terminal .xterm-rows"), "Looking at the repository"));
    String stateWhileVisible = browser.findElement(By.id("job-state")).getText();
    Browser.screenshot(browser, "2-running");
    assertThat(stateWhileVisible).isIn("PREPARING", "RUNNING");

    agentWait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "SUCCEEDED"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#diff .diff-view"), "Live terminal entry"));
    assertThat(browser.findElements(By.cssSelector("#diff tr.add td.code")))
        .extracting(WebElement::getText)
        .contains("+- Live terminal entry: the export feature.");
    assertThat(browser.findElement(By.cssSelector("#terminal .xterm-rows")).getText())
        .as("the terminal's last rows, once the turn is over")
        .contains("Writing CHANGELOG.md with one entry.");
    assertThat(browser.findElement(By.id("timeline")).getText())
        .contains("QUEUED")
        .contains("RUNNING")
        .contains("SUCCEEDED");
    assertThat(browser.findElement(By.id("approvals")).getText())
        .contains("Allowed fs_write on CHANGELOG.md");
    Browser.screenshot(browser, "3-done");
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("document.getElementById('approvals').scrollIntoView()");
    Browser.screenshot(browser, "3-done-diff");

    browser.findElement(By.id("pr-link")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#diff .diff-view"), "CHANGELOG.md"));
    assertThat(browser.findElement(By.id("title")).getText()).contains("Live terminal demo");
    Browser.screenshot(browser, "4-pull-request");

    // A worker node that went silent a minute ago shares the store: the page groups by node.
    Instant minuteAgo = Instant.now().minusSeconds(60);
    roles
        .node()
        .orElseThrow()
        .nodes()
        .heartbeat(
            new NodeRecord(
                "4242@silent-host",
                List.of("pool", "processor"),
                "http://10.9.9.9:8082",
                "0.1.0",
                minuteAgo,
                minuteAgo,
                2,
                0,
                Optional.empty()));
    String self = roles.node().orElseThrow().id();
    browser.get(base + "/workers");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("workers"), "READY"));
    // the page draws a node's section again on each of its events: look each part up afresh
    String here = "section.node[data-node='" + self + "']";
    for (String text : List.of(self, "up", "this node")) {
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(here + " h2"), text));
    }
    for (String text : List.of("api, pool, processor", "heartbeat")) {
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector(here + " .node-meta"), text));
    }
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(here + " tr[data-worker='1']"), "1"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("section.node[data-node='4242@silent-host']"), "gone"));
    assertThat(browser.findElements(By.cssSelector("section.node"))).hasSize(2);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("section.node[data-node='4242@silent-host']"),
            "Its workers are not known: the node is gone."));
    Browser.screenshot(browser, "5-workers");
  }

  @Test
  void should_show_the_agent_s_question_and_type_the_answer_given_in_the_page() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    WebDriverWait agentWait = new WebDriverWait(browser, Duration.ofSeconds(90));
    browser.get(base + "/");
    wait.until(ExpectedConditions.attributeToBe(By.id("repo"), "value", "local/sample-app"));
    browser.findElement(By.id("title")).sendKeys("Export with a name");
    browser.findElement(By.id("objective")).sendKeys("scenario:ask-then-write");
    browser.findElement(By.xpath("//button[normalize-space()='Generate Code & PR']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pr-link")));
    browser.findElement(By.id("task-link")).click();

    WebElement question =
        agentWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("question")));
    assertThat(question.getText()).contains("Which file name should the export use?");
    assertThat(browser.findElement(By.id("job-state")).getText()).isEqualTo("NEEDS_INPUT");
    browser.findElement(By.id("answer")).sendKeys("monthly");
    Browser.screenshot(browser, "6-question");
    browser.findElement(By.id("answer-button")).click();

    agentWait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "SUCCEEDED"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("question")));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#diff .diff-view"), "exports/monthly.txt"));
    assertThat(browser.findElement(By.id("timeline")).getText())
        .contains("The agent asked: “Which file name should the export use?”")
        .contains("Answer received: “monthly”")
        .contains("The answer was typed into the agent");
    Browser.screenshot(browser, "7-answered");
  }

  /** A profile "live-scripted" whose scenario prints, thinks a few seconds, then writes a file. */
  static Path liveProfile(Path dir) throws IOException {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("live-terminal.scenario"),
        """
        match changelog entry
        say Looking at the repository to find where the changelog lives.
        read TASK.md
        say The task asks for a CHANGELOG entry; there is no CHANGELOG.md yet.
        think 4
        say Writing CHANGELOG.md with one entry.
        write CHANGELOG.md <<EOF
        # Changelog

        - Live terminal entry: the export feature.
        EOF
        think 1
        reply Added CHANGELOG.md with an entry for the export feature.
        """);
    Path profiles = Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(
        profiles.resolve("live-scripted.yaml"),
        """
        name: live-scripted
        extends: scripted
        args: [-XX:TieredStopAtLevel=1, -XX:+UseSerialGC, -Xmx24m, -Xss256k, -cp,
               '${scripted.classpath}', dev.delegate.scripted.ScriptedAgent, --ui, legacy,
               --scenarios, '%s']
        """
            .formatted(scenarios));
    return profiles;
  }
}
