package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Light or dark: the system's choice ({@code prefers-color-scheme}) until the person picks one with
 * the header's toggle, which this browser remembers across pages and reloads.
 */
class ThemeBrowserTest {
  private static final String LIGHT_BACKGROUND = "rgb(246, 247, 249)";
  private static final String DARK_BACKGROUND = "rgb(15, 18, 23)";

  @TempDir static Path dir;
  private static BrowserServer server;
  private static ChromeDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    server = BrowserServer.start(dir);
    browser = server.browser;
    base = server.base;
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void forgetTheChoice() {
    browser.get(base + "/workers");
    js("localStorage.clear()");
    systemPrefers("light");
  }

  @Test
  void should_follow_the_system_until_the_person_chooses() {
    systemPrefers("dark");
    browser.get(base + "/");
    assertThat(background()).isEqualTo(DARK_BACKGROUND);
    systemPrefers("light");
    browser.navigate().refresh();
    assertThat(background()).isEqualTo(LIGHT_BACKGROUND);
  }

  @Test
  void should_remember_the_toggle_across_pages_and_reloads_whatever_the_system_says()
      throws Exception {
    browser.get(base + "/");
    browser.findElement(By.id("theme-toggle")).click();
    assertThat(js("return document.documentElement.dataset.theme")).isEqualTo("dark");
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .until(d -> background().equals(DARK_BACKGROUND));
    Browser.screenshotsAtBothWidths(browser, "home-dark");

    for (String page : List.of("/workers", "/")) {
      browser.get(base + page);
      assertThat(background()).as(page).isEqualTo(DARK_BACKGROUND);
      assertThat(browser.findElement(By.id("theme-toggle")).getText()).contains("Light");
    }
    browser.findElement(By.id("theme-toggle")).click();
    systemPrefers("dark");
    browser.navigate().refresh();
    assertThat(background()).as("the person chose light").isEqualTo(LIGHT_BACKGROUND);
  }

  private static void systemPrefers(String scheme) {
    browser.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  private static String background() {
    return (String) js("return getComputedStyle(document.body).backgroundColor");
  }

  private static Object js(String script) {
    return server.script(script);
  }
}
