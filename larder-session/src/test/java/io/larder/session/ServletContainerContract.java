package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.client.Codecs;
import io.larder.server.testing.Browser;
import io.larder.server.testing.TestServer;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The user's path, end to end: two instances of one web application in a servlet container, behind
 * no load balancer but a browser that sends each request where the test says, sharing one Larder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletContainerContract {
  static final String APP = "shop";

  /** A class the allowlist does not name: reading it must never run its code. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      DESERIALIZED.set(true);
    }
  }

  private TestServer larder;
  private Backend backend;
  private AppServer a;
  private AppServer b;

  /** Starts the container under test with these context parameters. */
  abstract AppServer start(Map<String, String> contextParams);

  @BeforeAll
  void startServers() {
    larder = TestServer.start();
    backend = new Backend("Larder", larder.port());
    Map<String, String> params =
        Map.of(
            "larder.url",
            backend.url(),
            "larder.session.application-name",
            APP,
            "larder.session.allowlist",
            AppServlet.class.getName() + "$*");
    a = start(params);
    b = start(params);
  }

  @AfterAll
  void stopServers() {
    for (AutoCloseable closeable : new AutoCloseable[] {a, b, larder}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // keep closing the others
      }
    }
  }

  private String key(String id) {
    return APP + ":session:{" + id + "}";
  }

  @Test
  void setAttribute_onA_readOnB() {
    Browser browser = new Browser();

    assertThat(browser.body(a.port(), "/set?name=user&value=ada")).isEqualTo("new");
    assertThat(browser.body(b.port(), "/get?name=user")).isEqualTo("ada");
    assertThat(browser.body(b.port(), "/set?name=user&value=grace")).isEqualTo("ok");
    assertThat(browser.body(a.port(), "/get?name=user")).isEqualTo("grace");
  }

  @Test
  void getSessionFalse_noCookie_noSessionAndNoCookie() {
    Browser browser = new Browser();

    Browser.Page page = browser.get(a.port(), "/get?name=user");

    assertThat(page.body()).isEqualTo("no session");
    assertThat(page.setCookies()).isEmpty();
  }

  @Test
  void invalidate_onA_goneOnB() {
    Browser browser = new Browser();
    browser.body(a.port(), "/set?name=user&value=ada");
    String id = browser.cookie("SESSION");

    Browser.Page page = browser.get(a.port(), "/invalidate");

    assertThat(page.body()).isEqualTo("invalidated");
    assertThat(page.setCookies())
        .anySatisfy(c -> assertThat(c).startsWith("SESSION=;").contains("Max-Age=0"));
    assertThat(backend.raw("EXISTS", key(id))).isEqualTo(0L);
    Browser oldCookie = new Browser();
    oldCookie.setCookie("SESSION", id);
    assertThat(oldCookie.body(b.port(), "/get?name=user")).isEqualTo("no session");
  }

  @Test
  void changeSessionId_keepsAttributesUnderTheNewIdOnly() {
    Browser browser = new Browser();
    browser.body(a.port(), "/set?name=user&value=ada");
    String oldId = browser.cookie("SESSION");

    String newId = browser.body(a.port(), "/change-id");

    assertThat(newId).isNotEqualTo(oldId);
    assertThat(browser.cookie("SESSION")).isEqualTo(newId);
    assertThat(browser.body(b.port(), "/get?name=user")).isEqualTo("ada");
    assertThat(browser.body(b.port(), "/id")).isEqualTo(newId);
    Browser stale = new Browser();
    stale.setCookie("SESSION", oldId);
    assertThat(stale.body(b.port(), "/get?name=user")).isEqualTo("no session");
    assertThat(backend.raw("EXISTS", key(oldId))).isEqualTo(0L);
  }

  @Test
  void setAttribute_unstorableValue_failsAtOnceNamingAttributeAndClass() {
    Browser browser = new Browser();

    Browser.Page page = browser.get(a.port(), "/set-unstorable?name=thing");

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body())
        .contains("'thing'")
        .contains("java.lang.Object")
        .contains("larder.session.allowlist");
  }

  @Test
  void getAttribute_storedGadgetOutsideAllowlist_droppedAndRequestSucceeds() {
    Browser browser = new Browser();
    browser.body(a.port(), "/set?name=user&value=ada");
    String id = browser.cookie("SESSION");
    byte[] gadget = Codecs.java(Gadget.class.getName()).encode(new Gadget());
    backend.raw("HSET", key(id), "attr:gadget", gadget);

    Browser.Page page = browser.get(b.port(), "/get?name=gadget");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).isEqualTo("null");
    assertThat(Gadget.DESERIALIZED).isFalse();
    assertThat(backend.raw("HEXISTS", key(id), "attr:gadget")).isEqualTo(0L);
    assertThat(browser.body(a.port(), "/get?name=user")).isEqualTo("ada");
  }

  @Test
  void attributeMutatedInPlace_savedWithoutSetAttribute() {
    Browser browser = new Browser();

    browser.body(a.port(), "/add-item?item=apple");
    browser.body(b.port(), "/add-item?item=pear");

    assertThat(browser.body(a.port(), "/items")).isEqualTo("apple,pear");
  }

  @Test
  void newSession_cookieHasSecureDefaults() {
    Browser browser = new Browser();

    Browser.Page page = browser.get(a.port(), "/set?name=user&value=ada");

    assertThat(page.setCookies()).hasSize(1);
    String cookie = page.setCookies().get(0);
    assertThat(cookie)
        .matches("SESSION=[A-Za-z0-9_-]{27}; .*")
        .contains("; Path=/")
        .contains("; HttpOnly")
        .contains("; SameSite=Lax")
        .doesNotContain("Secure")
        .doesNotContain("Max-Age");
  }

  @Test
  void sessionSaved_beforeRedirectCommits_nextRequestOnBSeesIt() {
    Browser browser = new Browser();

    Browser.Page redirect = browser.get(a.port(), "/set-then-redirect?name=step&value=paid");

    assertThat(redirect.status()).isEqualTo(302);
    assertThat(browser.body(b.port(), "/get?name=step")).isEqualTo("paid");
  }

  @Test
  void sessionSaved_beforeFlushCommits() {
    Browser browser = new Browser();

    assertThat(browser.body(a.port(), "/set-then-flush?name=k&value=v")).isEqualTo("flushed");
    assertThat(browser.body(b.port(), "/get?name=k")).isEqualTo("v");
  }

  @Test
  void requestedSessionId_validOnlyWhileTheSessionExists() {
    Browser browser = new Browser();
    browser.body(a.port(), "/set?name=user&value=ada");
    String id = browser.cookie("SESSION");

    assertThat(browser.body(b.port(), "/requested")).isEqualTo(id + " true");
    backend.raw("DEL", key(id));
    assertThat(browser.body(b.port(), "/requested")).isEqualTo(id + " false");
  }

  @Test
  void malformedCookie_ignored() {
    Browser browser = new Browser();
    browser.setCookie("SESSION", "not-an-id}");

    assertThat(browser.body(a.port(), "/get?name=user")).isEqualTo("no session");
    assertThat(browser.body(a.port(), "/set?name=user&value=ada")).isEqualTo("new");
  }

  @Test
  void listeners_sessionLifecycle_calledLikeTheContainerWould() {
    Browser browser = new Browser();
    browser.body(a.port(), "/set?name=user&value=ada");
    String id = browser.cookie("SESSION");
    browser.body(b.port(), "/set?name=user&value=grace");
    browser.body(a.port(), "/bind?name=badge");
    browser.body(b.port(), "/remove?name=badge");
    String newId = browser.body(a.port(), "/change-id");
    browser.body(b.port(), "/invalidate");

    assertThat(RecordingListener.of(id))
        .containsExactly(
            "created",
            "added user=ada",
            "replaced user=ada",
            "bound badge",
            "added badge=" + "BOUND",
            "unbound badge",
            "removed badge=BOUND",
            "id changed to " + newId);
    assertThat(RecordingListener.of(newId))
        .containsExactly("destroyed user=grace", "removed user=grace");
  }
}
