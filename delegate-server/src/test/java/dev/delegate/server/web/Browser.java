package dev.delegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its matching chromedriver, both from apt (see
 * bin/lib/install-browser.sh); the driver path is given, so Selenium Manager never downloads one.
 * Missing binaries fail the test: a browser test that skips proves nothing.
 */
final class Browser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Browser() {}

  static ChromeDriver start(Path profileDir) {
    assertThat(CHROMIUM)
        .as("Chromium is needed for the browser test; run bin/lib/install-browser.sh")
        .isExecutable();
    assertThat(CHROMEDRIVER)
        .as("chromedriver is needed for the browser test; run bin/lib/install-browser.sh")
        .isExecutable();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1100",
        "--user-data-dir=" + profileDir.toAbsolutePath());
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    return driver;
  }

  static Path screenshot(WebDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(file, png);
    return file;
  }

  /** Desktop and phone widths: screenshots at both are saved for every page the tests visit. */
  static final int DESKTOP = 1280;

  static final int PHONE = 390;

  /**
   * Screenshots of the current page at {@link #DESKTOP} and {@link #PHONE} widths ({@code
   * <name>-1280.png}, {@code <name>-390.png}), asserting at the phone width that nothing makes the
   * page wider than the screen; the window is back at the desktop width afterwards.
   */
  static void screenshotsAtBothWidths(WebDriver driver, String name) throws IOException {
    try {
      resize(driver, PHONE, 844);
      Long overflow =
          (Long)
              ((org.openqa.selenium.JavascriptExecutor) driver)
                  .executeScript(
                      "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      screenshot(driver, name + "-" + PHONE);
      assertThat(overflow)
          .as("the page %s is wider than a %d px phone screen by %d px", name, PHONE, overflow)
          .isLessThanOrEqualTo(0L);
    } finally {
      resize(driver, DESKTOP, 1100);
    }
    screenshot(driver, name + "-" + DESKTOP);
  }

  private static void resize(WebDriver driver, int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    try {
      Thread.sleep(150); // one layout after the resize
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
