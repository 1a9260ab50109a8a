package dev.delegate.server.web;

import dev.delegate.server.delegation.Servers;
import dev.delegate.server.launch.Roles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The whole service in this JVM ({@link Servers}: API, processor and pool on free ports, the
 * built-in scripted agent) and a headless Chromium ({@link Browser}) for a page's browser test.
 */
final class BrowserServer implements AutoCloseable {
  final Roles roles;
  final ChromeDriver browser;
  final String base;

  private BrowserServer(Roles roles, ChromeDriver browser) {
    this.roles = roles;
    this.browser = browser;
    this.base = "http://127.0.0.1:" + roles.api().orElseThrow().port();
  }

  /** Starts both in {@code dir}; {@code options} are {@code serve}'s, added to the test ones. */
  static BrowserServer start(Path dir, String... options) throws IOException {
    Roles roles =
        Servers.start(Files.createDirectories(dir.resolve("data")), "api,processor,pool", options);
    try {
      return new BrowserServer(
          roles, Browser.start(Files.createDirectories(dir.resolve("chromium"))));
    } catch (RuntimeException | Error e) {
      roles.close();
      throw e;
    }
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  @Override
  public void close() {
    try {
      browser.quit();
    } finally {
      roles.close();
    }
  }
}
