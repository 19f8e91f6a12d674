package io.larder.server.admin;

import io.larder.server.testing.ExternalBinaries;
import io.larder.server.testing.TestServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the portal's tests, driven through the system's chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}); nothing is downloaded. Skips the test when they
 * are missing, unless {@code larder.requireExternalBinaries} is set (CI).
 *
 * <p>Every wait is for a condition, bounded by {@link #TIMEOUT}.
 */
final class PortalBrowser implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private final String origin;

  private PortalBrowser(ChromeDriver driver, Path profile, String origin) {
    this.driver = driver;
    this.profile = profile;
    this.origin = origin;
  }

  static PortalBrowser start(String origin) {
    String chromium = ExternalBinaries.require("chromium", "chromium");
    String chromedriver = ExternalBinaries.require("chromedriver", "chromium-driver");
    // Selenium Manager must never try to fetch a browser or driver: both are given explicitly.
    System.setProperty("SE_OFFLINE", "true");
    try {
      Path profile = Files.createTempDirectory("larder-chromium");
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(chromedriver))
              .usingAnyFreePort()
              .build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(chromium);
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-dev-shm-usage",
          "--window-size=1280,800",
          "--user-data-dir=" + profile);
      // The page's console (errors, CSP violations) is read back by consoleErrors().
      options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(TIMEOUT).scriptTimeout(TIMEOUT);
      PortalBrowser browser = new PortalBrowser(driver, profile, origin);
      browser.viewport(1280, 800);
      return browser;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebDriver driver() {
    return driver;
  }

  /** Opens a portal page: path like {@code /#/new}. */
  void open(String path) {
    driver.get(origin + path);
  }

  /** Sets the page's viewport exactly (headless windows have no chrome to subtract). */
  void viewport(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, TIMEOUT).until(condition);
  }

  WebElement visible(String css) {
    return waitFor(
        d -> {
          List<WebElement> found = d.findElements(By.cssSelector(css));
          return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
  }

  /** Waits until the element's text is the expected one, and returns it. */
  String waitForText(String css, String expected) {
    return waitFor(d -> expected.equals(visible(css).getText()) ? expected : null);
  }

  void click(String css) {
    visible(css).click();
  }

  void type(String css, String text) {
    WebElement input = visible(css);
    input.clear();
    input.sendKeys(text);
  }

  boolean alertShown() {
    try {
      driver.switchTo().alert();
      return true;
    } catch (NoAlertPresentException e) {
      return false;
    }
  }

  /**
   * Errors logged in the page's console since the last call: script errors and CSP violations.
   * Failed requests are left out; the tests provoke some (a wrong token, a deleted key).
   */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.contains("Failed to load resource"))
        .toList();
  }

  /** The id of the focused element and its computed outline style (visible focus). */
  String focusedOutline() {
    return (String)
        driver.executeScript(
            "const e = document.activeElement;"
                + " return e.id + ' ' + getComputedStyle(e).outlineStyle;");
  }

  /** Saves the viewport as target/portal-screenshots/NAME.png. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Controls without a label (label element, aria-label or aria-labelledby), by id or tag. */
  @SuppressWarnings("unchecked")
  List<String> unlabelledControls() {
    return (List<String>)
        driver.executeScript(
            "return [...document.querySelectorAll('input, select, textarea, button')]"
                + ".filter(e => e.offsetParent !== null && e.type !== 'hidden')"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                + " && !e.getAttribute('aria-labelledby') && !(e.tagName === 'BUTTON'"
                + " && e.textContent.trim()))"
                + ".map(e => e.id || e.outerHTML.slice(0, 80));");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      TestServer.deleteRecursively(profile);
    }
  }
}
