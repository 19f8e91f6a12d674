package io.larder.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.larder.server.tenant.CacheName;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The portal in a real browser (headless Chromium): sign-in, Quick Create, the dashboard's live
 * figures, key regeneration, the key browser (including a hostile key name), settings and delete.
 * Screenshots of each page go to {@code target/portal-screenshots/}.
 */
class PortalIT {
  private static final String XSS_KEY = "<img src=x onerror=alert(1)>";

  @RegisterExtension static final TestServer server = TestServer.perClass();

  private static PortalBrowser browser;

  @BeforeAll
  static void openBrowser() {
    browser = PortalBrowser.start("http://127.0.0.1:" + server.server().adminPort());
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void desktop() {
    browser.viewport(1280, 800);
    browser.consoleErrors();
  }

  @AfterEach
  void noScriptErrorsOrPolicyViolations() {
    assertThat(browser.consoleErrors()).isEmpty();
  }

  private static void signIn() {
    browser.open("/");
    browser.waitFor(
        d ->
            !d.findElements(By.id("admin-token")).isEmpty()
                || !d.findElements(By.id("cache-list")).isEmpty());
    if (!browser.driver().findElements(By.id("admin-token")).isEmpty()) {
      browser.type("#admin-token", TestServer.ADMIN_TOKEN);
      browser.click("#sign-in");
    }
    browser.visible("#cache-list");
  }

  private static AdminHttp api() {
    return AdminHttp.to(server).bearer();
  }

  private static void createByApi(String name) {
    assertThat(api().call("POST", "/api/caches", "{\"name\":\"" + name + "\"}").status())
        .isEqualTo(201);
  }

  private static RespClient connect(String host, int port, String cache, String key) {
    RespClient client = new RespClient(host, port);
    assertThat(client.call("AUTH", cache, key)).isEqualTo("OK");
    return client;
  }

  @Test
  void signIn_wrongTokenThenRightToken_showsTheCaches() {
    browser.open("/");
    browser.click("#sign-out");
    browser.visible("#admin-token");
    assertThat(browser.unlabelledControls()).isEmpty();
    browser.screenshot("01-sign-in");

    browser.type("#admin-token", "not-the-token");
    browser.click("#sign-in");
    browser.waitForText("#sign-in-error", "That admin token is wrong.");
    browser.type("#admin-token", TestServer.ADMIN_TOKEN);
    browser.click("#sign-in");

    WebElement row = browser.visible("#caches-table tr[data-cache='default']");
    assertThat(row.getText()).contains("default", "running");
    assertThat(browser.alertShown()).isFalse();
  }

  @Test
  void signIn_reload_keepsTheSession() {
    signIn();

    browser.driver().navigate().refresh();

    browser.visible("#cache-list");
    assertThat(browser.driver().findElements(By.id("admin-token"))).isEmpty();
  }

  @Test
  void quickCreate_thenDashboard_connectWriteRegenerate() {
    signIn();
    browser.screenshot("02-caches");
    browser.click("#nav-new");
    browser.visible("#quick-create");

    browser.type("#cache-name", "Shop_Sessions");
    browser.waitForText("#cache-name-message", "Use lowercase letters only.");
    browser.type("#cache-name", "default");
    browser.waitForText("#cache-name-message", "A cache named default exists already.");
    browser.type("#cache-name", "shop-sessions-");
    browser.waitForText("#cache-name-message", "A name cannot start or end with a hyphen.");
    browser.type("#cache-name", "shop-sessions");
    browser.waitForText("#cache-name-message", "This name is available.");
    browser.click("label[for$='-67108864']");
    new Select(browser.visible("#quick-create select[id^='eviction']"))
        .selectByValue("allkeys-lru");
    new Select(browser.visible("#quick-create select[id^='expiry']")).selectByValue("1800");
    assertThat(browser.unlabelledControls()).isEmpty();
    browser.screenshot("03-quick-create");
    browser.click("#create-cache");

    browser.waitForText("#cache-title", "shop-sessions");
    String host = browser.visible("#host").getText();
    int port = Integer.parseInt(browser.visible("#port").getText());
    assertThat(browser.visible("#endpoint").getText()).isEqualTo("redis://" + host + ":" + port);
    JsonCache created = JsonCache.of(api().get("/api/caches/shop-sessions").json());
    assertThat(created.memoryQuota()).isEqualTo(64L * 1024 * 1024);
    assertThat(created.eviction()).isEqualTo("allkeys-lru");
    assertThat(created.defaultTtlSeconds()).isEqualTo(1800);

    browser.click("#show-key");
    String connectionString =
        browser.waitFor(
            d -> {
              String shown = d.findElement(By.id("connection-string")).getText();
              return shown.contains("•") ? null : shown;
            });
    String key =
        connectionString.substring(
            connectionString.indexOf(':', 8) + 1, connectionString.indexOf('@'));
    assertThat(connectionString)
        .isEqualTo("redis://shop-sessions:" + key + "@" + host + ":" + port);

    try (RespClient client = connect(host, port, "shop-sessions", key)) {
      for (int i = 0; i < 25; i++) {
        client.call("SET", "session:" + i, "user-" + i);
      }
      browser.waitForText("#figure-keys", "25");
      browser.waitFor(
          d -> {
            client.call("GET", "session:1");
            String ops = d.findElement(By.id("figure-ops")).getText();
            return !ops.equals("–") && Double.parseDouble(ops.replace(",", "")) > 0 ? ops : null;
          });
      browser.waitForText("#figure-clients", "1");
      browser.waitFor(
          d -> d.findElements(By.cssSelector("#chart-ops path.line")).isEmpty() ? null : true);
      browser.click("#show-key");
      browser.screenshot("04-dashboard");

      browser.click("a[href$='/keys']");
      browser.click("#primary-key-reveal");
      assertThat(browser.visible("#primary-key").getText()).isEqualTo(key);
      browser.click("#regenerate-primary");
      WebElement dialog = browser.visible("dialog[open]");
      assertThat(dialog.getText())
          .contains("connection that signed in with the current primary key is closed");
      browser.screenshot("05-regenerate-dialog");
      dialog.findElement(By.cssSelector("button.danger")).click();

      String newKey =
          browser.waitFor(
              d -> {
                String shown = d.findElement(By.id("primary-key")).getText();
                return shown.equals(key) || shown.contains("•") ? null : shown;
              });
      browser.screenshot("06-access-keys");
      try (RespClient stale = new RespClient(host, port)) {
        assertThat(stale.call("AUTH", "shop-sessions", key))
            .isEqualTo(
                new RespClient.Error(
                    "WRONGPASS invalid username-password pair or user is disabled."));
      }
      try (RespClient fresh = connect(host, port, "shop-sessions", newKey)) {
        assertThat(fresh.call("GET", "session:3")).isEqualTo("user-3");
      }
    }
  }

  @Test
  void nameRule_inTheBrowser_agreesWithTheServer() {
    signIn();
    List<String> names =
        List.of(
            "a",
            "shop",
            "shop-sessions",
            "0",
            "a--b",
            "-a",
            "a-",
            "-",
            "",
            "A",
            "Shop",
            "a_b",
            "a.b",
            "a b",
            "é",
            "x".repeat(63),
            "x".repeat(64));

    @SuppressWarnings("unchecked")
    List<Boolean> browserSays =
        (List<Boolean>)
            ((JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                    "const [names, done] = arguments;"
                        + " import('/js/names.js').then(m =>"
                        + " done(names.map(n => m.nameProblem(n, new Set()) === null)));",
                    names);

    for (int i = 0; i < names.size(); i++) {
      assertThat(browserSays.get(i)).as(names.get(i)).isEqualTo(CacheName.isValid(names.get(i)));
    }
  }

  @Test
  void quickCreate_keyboardOnly_createsTheCacheWithVisibleFocus() {
    signIn();
    browser.open("/#/new");
    browser.visible("#quick-create");

    WebElement name = browser.visible("#cache-name");
    name.click();
    name.sendKeys("by-keyboard");
    name.sendKeys(Keys.TAB);
    browser
        .driver()
        .switchTo()
        .activeElement()
        .sendKeys(Keys.ARROW_RIGHT); // from the default 256 MB to 1 GB
    assertThat(browser.focusedOutline()).endsWith("-1073741824 solid");
    browser.driver().switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
    assertThat(browser.focusedOutline()).isEqualTo("cache-name solid");
    browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);

    browser.waitForText("#cache-title", "by-keyboard");
    assertThat(api().get("/api/caches/by-keyboard").json().get("memoryQuota").asLong())
        .isEqualTo(1024L * 1024 * 1024);
  }

  @Test
  void regenerateDialog_escapeKey_cancelsKeepsTheKeyAndReturnsFocus() {
    createByApi("kept");
    String key = api().get("/api/caches/kept/keys").json().get("secondary").asText();
    signIn();

    browser.open("/#/caches/kept/keys");
    browser.click("#regenerate-secondary");
    browser.visible("dialog[open]").sendKeys(Keys.ESCAPE);

    browser.waitFor(d -> d.findElements(By.cssSelector("dialog")).isEmpty() ? true : null);
    assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
        .isEqualTo("regenerate-secondary");
    assertThat(api().get("/api/caches/kept/keys").json().get("secondary").asText()).isEqualTo(key);
  }

  @Test
  void keyBrowser_hostileKeyName_isShownAsTextAndCanBeDeleted() {
    createByApi("browsed");
    String key = api().get("/api/caches/browsed/keys").json().get("primary").asText();
    try (RespClient client = connect("127.0.0.1", server.port(), "browsed", key)) {
      client.call("SET", XSS_KEY, "<script>alert(2)</script>");
      client.call("HSET", "session:{abc}", "user", "ann", "cart", "3 items");
      client.call("SET", "blob", new byte[] {0, 1, (byte) 0xff});
      for (int i = 0; i < 60; i++) {
        client.call("SET", String.format("zz-page:%02d", i), "v");
      }
    }
    signIn();

    browser.open("/#/caches/browsed/browser");
    WebElement row =
        browser.visible(
            "#key-rows tr[data-ref='"
                + PercentEncoding.encode(XSS_KEY.getBytes(StandardCharsets.UTF_8))
                + "']");
    assertThat(row.findElement(By.cssSelector(".key-name")).getText()).isEqualTo(XSS_KEY);
    assertThat(browser.driver().findElements(By.cssSelector("#keys-table img"))).isEmpty();
    assertThat(browser.alertShown()).isFalse();

    row.findElement(By.cssSelector(".key-name")).click();
    browser.waitForText("#entry-key", XSS_KEY);
    assertThat(browser.visible("#entry-detail pre").getText())
        .isEqualTo("<script>alert(2)</script>");
    assertThat(browser.driver().findElements(By.cssSelector("#entry-detail script"))).isEmpty();
    assertThat(browser.alertShown()).isFalse();

    browser.click("#key-rows tr[data-ref='blob'] .key-name");
    browser.waitForText("#entry-key", "blob");
    assertThat(browser.visible("#entry-detail pre").getText()).isEqualTo("\\x00\\x01\\xff");
    browser.click("#key-rows tr[data-ref='session%3A%7Babc%7D'] .key-name");
    browser.waitForText("#entry-key", "session:{abc}");
    assertThat(browser.visible("#entry-detail table").getText()).contains("user", "ann", "3 items");
    assertThat(browser.unlabelledControls()).isEmpty();
    browser.screenshot("07-key-browser");

    browser.type("#key-pattern", "zz-page:*");
    browser.click("#search-keys");
    browser.waitForText("#key-summary", "50 keys shown; more match.");
    browser.click("#more-keys");
    browser.waitForText("#key-summary", "60 keys shown.");
    assertThat(browser.driver().findElement(By.id("more-keys")).isDisplayed()).isFalse();

    browser.type("#key-pattern", "session:*");
    browser.click("#search-keys");
    browser.waitForText("#key-summary", "1 key shown.");
    browser.click("#key-rows tr[data-ref='session%3A%7Babc%7D'] button.danger");
    browser.visible("dialog[open] button.danger").click();
    browser.waitForText("#key-summary", "1 key shown.");
    browser.waitFor(d -> d.findElements(By.cssSelector("#key-rows tr")).isEmpty() ? true : null);
    assertThat(api().get("/api/caches/browsed/entries/session%3A%7Babc%7D").status())
        .isEqualTo(404);
  }

  @Test
  void settings_saveThenDeleteByTypingTheName() {
    createByApi("doomed");
    signIn();

    browser.open("/#/caches/doomed/settings");
    new Select(browser.visible("#settings-form select[id^='eviction']"))
        .selectByValue("volatile-ttl");
    browser.click("#settings-form label[for$='-1073741824']");
    browser.click("#save-settings");
    browser.waitFor(
        d ->
            "volatile-ttl".equals(api().get("/api/caches/doomed").json().get("eviction").asText())
                ? true
                : null);
    assertThat(api().get("/api/caches/doomed").json().get("memoryQuota").asLong())
        .isEqualTo(1024L * 1024 * 1024);

    assertThat(browser.visible("#delete-cache").isEnabled()).isFalse();
    browser.type("#delete-confirm", "doome");
    assertThat(browser.visible("#delete-cache").isEnabled()).isFalse();
    browser.type("#delete-confirm", "doomed");
    assertThat(browser.unlabelledControls()).isEmpty();
    browser.screenshot("08-settings");
    browser.click("#delete-cache");

    browser.visible("#caches-table");
    assertThat(browser.driver().findElements(By.cssSelector("tr[data-cache='doomed']"))).isEmpty();
    assertThat(api().get("/api/caches/doomed").status()).isEqualTo(404);
  }

  @Test
  void dashboard_phoneWidth_fitsWithoutSidewaysScrolling() {
    createByApi("phone");
    signIn();
    browser.viewport(390, 844);

    browser.open("/#/caches/phone");
    browser.waitForText("#cache-title", "phone");
    browser.visible("#figure-keys");

    Object overflow =
        ((JavascriptExecutor) browser.driver())
            .executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    browser.screenshot("09-dashboard-phone");
  }

  @Test
  void cacheList_noCaches_invitesToCreateTheFirst() {
    try (TestServer empty = TestServer.start()) {
      assertThat(AdminHttp.to(empty).bearer().call("DELETE", "/api/caches/default", null).status())
          .isEqualTo(204);
      String origin = "http://127.0.0.1:" + empty.server().adminPort();
      browser.driver().get(origin + "/");
      browser.type("#admin-token", TestServer.ADMIN_TOKEN);
      browser.click("#sign-in");

      WebElement invitation = browser.visible("#empty-state");
      assertThat(invitation.getText()).contains("No caches yet", "Create your first cache");
      browser.screenshot("10-empty-state");
      invitation.findElement(By.linkText("Create your first cache")).click();
      browser.visible("#quick-create");
    }
  }

  /** The fields of a cache's JSON that the tests check. */
  private record JsonCache(long memoryQuota, String eviction, long defaultTtlSeconds) {
    static JsonCache of(JsonNode node) {
      return new JsonCache(
          node.get("memoryQuota").asLong(),
          node.get("eviction").asText(),
          node.get("defaultTtlSeconds").asLong());
    }
  }
}
