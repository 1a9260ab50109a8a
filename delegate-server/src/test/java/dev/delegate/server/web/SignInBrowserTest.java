package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.server.delegation.Servers;
import dev.delegate.server.launch.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI of a server started with {@code --token}, in headless Chromium: sent to the sign-in
 * page, a wrong token refused, the right one bringing the browser back to the page it asked for,
 * then a task delegated and followed live (the cookie carries the page loads, the POST and the
 * event streams), and signing out.
 */
class SignInBrowserTest {
  static final String TOKEN = "a long token only the team knows";

  @TempDir static Path data;
  @TempDir static Path extra;
  private static Roles roles;
  private static WebDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    roles = Servers.start(data, "api,processor,pool", "--token", TOKEN);
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
  void should_sign_in_with_the_token_then_delegate_and_follow_a_task() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get(base + "/workers");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    assertThat(browser.getCurrentUrl()).contains("/login?next=%2Fworkers");

    browser.findElement(By.id("token")).sendKeys("not the token");
    browser.findElement(By.id("login-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    Browser.screenshot(browser, "sign-in-1-refused");

    browser.findElement(By.id("token")).sendKeys(TOKEN);
    browser.findElement(By.id("login-button")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/workers"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("workers"), "READY"));

    browser.get(base + "/");
    wait.until(ExpectedConditions.attributeToBe(By.id("repo"), "value", "local/sample-app"));
    browser.findElement(By.id("title")).sendKeys("Signed-in task");
    browser.findElement(By.id("objective")).sendKeys("Add an export button to the UI");
    browser.findElement(By.xpath("//button[normalize-space()='Generate Code & PR']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pr-link")));
    browser.findElement(By.id("task-link")).click();
    new WebDriverWait(browser, Duration.ofSeconds(90))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-state"), "SUCCEEDED"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#diff .diff-view"), "+"));
    Browser.screenshot(browser, "sign-in-2-task-done");

    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    browser.get(base + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    assertThat(browser.getCurrentUrl()).contains("/login");
  }
}
