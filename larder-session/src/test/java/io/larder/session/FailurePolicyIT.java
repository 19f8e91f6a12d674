package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.Browser;
import io.larder.server.testing.RedisServer;
import io.larder.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What requests get while the cache is down: 503 ({@code fail}) or local sessions ({@code
 * degrade}).
 */
class FailurePolicyIT {
  private static final String APP = "failures";

  private static Map<String, String> params(int larderPort, String onFailure) {
    return Map.of(
        "larder.url", new Backend("Larder", larderPort).url(),
        "larder.session.application-name", APP,
        "larder.session.on-failure", onFailure);
  }

  @Test
  void fail_cacheStopped_sessionRequestsGet503OthersPass() {
    TestServer larder = TestServer.start();
    try (AppServer app = TomcatServer.start(params(larder.port(), "fail"))) {
      Browser browser = new Browser();
      assertThat(browser.body(app.port(), "/set?name=user&value=ada")).isEqualTo("new");

      larder.close();

      Browser.Page withSession = browser.get(app.port(), "/get?name=user");
      Browser.Page withoutSession = new Browser().get(app.port(), "/get?name=user");
      assertThat(withSession.status()).isEqualTo(503);
      assertThat(withSession.setCookies()).isEmpty();
      assertThat(withoutSession.status()).isEqualTo(200);
      assertThat(withoutSession.body()).isEqualTo("no session");
    } finally {
      larder.close();
    }
  }

  @Test
  void fail_cacheDownFromTheStart_newSessionGets503() {
    int nobody = RedisServer.freePort();
    try (AppServer app = TomcatServer.start(params(nobody, "fail"))) {
      Browser.Page page = new Browser().get(app.port(), "/set?name=user&value=ada");

      assertThat(page.status()).isEqualTo(503);
    }
  }

  @Test
  void degrade_cacheDown_localSessionsThenMovedToTheCacheWhenItIsBack() {
    int port = RedisServer.freePort();
    try (AppServer a = TomcatServer.start(params(port, "degrade"));
        AppServer b = TomcatServer.start(params(port, "degrade"))) {
      Browser browser = new Browser();
      assertThat(browser.body(a.port(), "/set?name=user&value=ada")).isEqualTo("new");
      assertThat(browser.body(a.port(), "/get?name=user")).isEqualTo("ada");
      String id = browser.cookie("SESSION");

      try (TestServer larder = TestServer.start(Map.of("port", Integer.toString(port)))) {
        Backend backend = new Backend("Larder", larder.port());
        assertThat(browser.body(a.port(), "/get?name=user")).isEqualTo("ada");
        assertThat(backend.raw("EXISTS", APP + ":session:{" + id + "}")).isEqualTo(1L);
        assertThat(browser.body(b.port(), "/get?name=user")).isEqualTo("ada");
      }
    }
  }
}
