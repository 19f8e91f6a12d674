package io.larder.examples.sessiondemo;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.client.Codecs;
import io.larder.examples.sessiondemo.DemoInstance.Container;
import io.larder.server.testing.Browser;
import io.larder.server.testing.Browser.Page;
import io.larder.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.BadAttributeValueExpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The session semantics users rely on, end to end with real processes: a cache (Larder's packaged
 * server or redis-server), two instances of the demo on their own ports, and a browser with one
 * cookie jar going back and forth between them. Each subclass picks the container and the cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionSharingContract {
  private static final String APP = "session-demo";

  private final Container container;
  private final Backend.Kind backendKind;
  private Path dir;
  private Backend backend;
  private DemoInstance a;
  private DemoInstance b;

  SessionSharingContract(Container container, Backend.Kind backendKind) {
    this.container = container;
    this.backendKind = backendKind;
  }

  @BeforeAll
  void start() throws Exception {
    dir = Path.of("target", "e2e", container + "-on-" + backendKind);
    TestServer.deleteRecursively(dir); // the previous run's data and logs
    Files.createDirectories(dir);
    backend = Backend.start(backendKind, dir);
    List<DemoInstance> pair = startPair("A", "B", "--server.servlet.session.timeout=45m");
    a = pair.get(0);
    b = pair.get(1);
  }

  /** Two instances sharing the backend, started side by side. */
  private List<DemoInstance> startPair(String first, String second, String... settings) {
    List<String> args = new ArrayList<>(List.of("--larder.url=" + backend.url()));
    args.addAll(Arrays.asList(settings));
    String[] all = args.toArray(String[]::new);
    DemoInstance one = DemoInstance.launch(first, container, dir, all);
    DemoInstance two = DemoInstance.launch(second, container, dir, all);
    try {
      return List.of(one.awaitServing(), two.awaitServing());
    } catch (RuntimeException e) {
      one.close();
      two.close();
      throw e;
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable process : new AutoCloseable[] {a, b, backend}) {
      if (process != null) {
        process.close();
      }
    }
  }

  @Test
  void attributeSetOnOneInstance_isReadOnTheOtherAndBack() {
    Browser browser = new Browser();

    browser.body(a.port(), "/test/set?name=user&value=ada");
    assertThat(browser.body(b.port(), "/test/get?name=user")).isEqualTo("ada");
    browser.body(b.port(), "/test/set?name=user&value=grace");
    assertThat(browser.body(a.port(), "/test/get?name=user")).isEqualTo("grace");
  }

  @Test
  void demoCart_followsTheVisitorBetweenInstances() {
    Browser browser = new Browser();

    Page added = browser.post(a.port(), "/cart/add", Map.of("item", "Apples <3"));
    String cartOnB = browser.body(b.port(), "/api/cart");
    String pageOnA = browser.body(a.port(), "/");

    assertThat(added.status()).isEqualTo(302);
    assertThat(cartOnB)
        .contains("\"instance\":\"B\"", "\"previousInstance\":\"A\"", "\"Apples <3\":1");
    assertThat(pageOnA)
        .contains("served by instance B: the session came along", "Apples &lt;3</td><td>× 1");
  }

  @Test
  void sessionTimeout_isSpringBootsSetting_andTheCachesTtl() {
    Browser browser = new Browser();
    String timeout = browser.body(a.port(), "/test/timeout");
    String id = browser.cookie("SESSION");

    assertThat(timeout).isEqualTo("2700");
    // timeout + refresh interval (1 min) + the grace that expiry events keep the hash for (5 min)
    assertThat((Long) backend.raw("TTL", key(id))).isBetween(2700L, 2700L + 60 + 300);
  }

  @Test
  void restartOfAnInstance_keepsTheSession() {
    Browser browser = new Browser();
    browser.body(a.port(), "/test/set?name=user&value=ada");

    a.restart();

    assertThat(browser.body(a.port(), "/test/get?name=user")).isEqualTo("ada");
    assertThat(browser.body(b.port(), "/test/get?name=user")).isEqualTo("ada");
  }

  @Test
  void invalidateOnOneInstance_isSeenOnTheOther() {
    Browser browser = new Browser();
    browser.body(a.port(), "/test/set?name=user&value=ada");
    String id = browser.cookie("SESSION");

    browser.body(a.port(), "/test/invalidate");
    Browser oldCookie = new Browser();
    oldCookie.setCookie("SESSION", id);

    assertThat(oldCookie.body(b.port(), "/test/get?name=user")).isEqualTo("no session");
    assertThat(backend.raw("EXISTS", key(id))).isEqualTo(0L);
  }

  @Test
  void expiry_firesSessionDestroyedOnceWithTheAttributes() {
    Browser browser = new Browser();
    browser.body(a.port(), "/test/set?name=user&value=ada");
    String id = browser.body(b.port(), "/test/max-inactive?seconds=2");
    String destroyed = "destroyed " + id + " user=ada";

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (countIn(events(), destroyed) == 0 && System.nanoTime() < deadline) {
      DemoInstance.sleepMillis(200);
    }
    DemoInstance.sleepMillis(500); // a second report would come as soon as the first

    assertThat(countIn(events(), destroyed)).as("reports of %s", destroyed).isEqualTo(1);
    assertThat(browser.body(a.port(), "/test/get?name=user")).isEqualTo("no session");
  }

  private String events() {
    return new Browser().body(a.port(), "/test/events")
        + "\n"
        + new Browser().body(b.port(), "/test/events");
  }

  private static long countIn(String lines, String line) {
    return lines.lines().filter(line::equals).count();
  }

  @Test
  void changeSessionId_keepsTheAttributesUnderTheNewIdOnly() {
    Browser browser = new Browser();
    browser.body(a.port(), "/test/set?name=user&value=ada");
    String oldId = browser.cookie("SESSION");

    String newId = browser.body(b.port(), "/test/change-id");

    assertThat(newId).isNotEqualTo(oldId).isEqualTo(browser.cookie("SESSION"));
    assertThat(browser.body(a.port(), "/test/get?name=user")).isEqualTo("ada");
    Browser oldCookie = new Browser();
    oldCookie.setCookie("SESSION", oldId);
    assertThat(oldCookie.body(a.port(), "/test/get?name=user")).isEqualTo("no session");
    assertThat(backend.raw("EXISTS", key(oldId))).isEqualTo(0L);
  }

  @Test
  void noneMode_concurrentRequestsSettingDifferentAttributes_bothPersist() throws Exception {
    Browser browser = new Browser();
    String id = browser.body(a.port(), "/test/set?name=start&value=1");
    Browser first = withSession(id);
    Browser second = withSession(id);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Page> onA = pool.submit(() -> first.get(a.port(), "/test/set?name=x&value=1&delayMs=500"));
      Future<Page> onB = pool.submit(() -> second.get(b.port(), "/test/set?name=y&value=2&delayMs=500"));
      assertThat(onA.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(onB.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }

    assertThat(browser.body(a.port(), "/test/get?name=x")).isEqualTo("1");
    assertThat(browser.body(b.port(), "/test/get?name=y")).isEqualTo("2");
  }

  @Test
  void exclusiveMode_fiftyConcurrentIncrements_endAtExactlyFifty() throws Exception {
    List<DemoInstance> exclusive =
        startPair("X", "Y", "--larder.session.concurrency=exclusive", "--larder.session.lock-wait=30s");
    try {
      Browser browser = new Browser();
      String id = browser.body(exclusive.get(0).port(), "/test/set?name=start&value=1");
      ExecutorService pool = Executors.newFixedThreadPool(50);
      List<Future<Page>> replies = new ArrayList<>();
      try {
        for (int i = 0; i < 50; i++) {
          DemoInstance target = exclusive.get(i % 2);
          Browser client = withSession(id);
          replies.add(pool.submit(() -> client.get(target.port(), "/test/increment")));
        }
        for (Future<Page> reply : replies) {
          assertThat(reply.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(browser.body(exclusive.get(1).port(), "/test/get?name=counter")).isEqualTo("50");
    } finally {
      exclusive.forEach(DemoInstance::close);
    }
  }

  @Test
  void unstorableAttribute_failsAtSetAttributeWithAClearMessage() {
    String message = new Browser().body(a.port(), "/test/unstorable");

    assertThat(message).contains("connection", "java.lang.Object");
  }

  @Test
  void storedGadgetOutsideTheAllowlist_isRefusedAndDropped_requestSucceeds() throws Exception {
    Browser browser = new Browser();
    browser.body(a.port(), "/test/set?name=user&value=ada");
    String id = browser.cookie("SESSION");
    // A class whose readObject runs code on the stored data: the start of known gadget chains.
    byte[] gadget =
        Codecs.java("javax.management.*").encode(new BadAttributeValueExpException("gadget"));
    backend.raw("HSET", key(id), "attr:gadget", gadget);

    Page page = browser.get(b.port(), "/test/get?name=gadget");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).isEqualTo("null");
    assertThat(backend.raw("HEXISTS", key(id), "attr:gadget")).isEqualTo(0L);
    assertThat(browser.body(a.port(), "/test/get?name=user")).isEqualTo("ada");
  }

  @Test
  void sessionCookie_isHttpOnlyAndSameSiteLax_andNotSecureOverHttp() {
    Page page = new Browser().get(a.port(), "/test/set?name=user&value=ada");

    assertThat(page.setCookies()).hasSize(1);
    String cookie = page.setCookies().get(0);
    assertThat(cookie).startsWith("SESSION=").containsIgnoringCase("; HttpOnly");
    assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("Path=/");
    assertThat(cookie).doesNotContainIgnoringCase("Secure;").doesNotEndWithIgnoringCase("Secure");
  }

  @Test
  void springSecurityLogin_onOneInstance_isSignedInOnTheOther() {
    Browser browser = new Browser();
    Page anonymous = browser.get(a.port(), "/test/secure/whoami");
    String before = browser.cookie("SESSION");

    Page login =
        browser.post(b.port(), "/login", Map.of("username", "alice", "password", "wonderland"));
    Page onA = browser.get(a.port(), "/test/secure/whoami");

    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.location()).endsWith("/login");
    assertThat(login.status()).isEqualTo(302);
    assertThat(login.location()).endsWith("/test/secure/whoami");
    assertThat(browser.cookie("SESSION")).as("a new id at login").isNotEqualTo(before);
    assertThat(onA.status()).isEqualTo(200);
    assertThat(onA.body()).isEqualTo("alice");
  }

  private static Browser withSession(String id) {
    Browser browser = new Browser();
    browser.setCookie("SESSION", id);
    return browser;
  }

  private static String key(String id) {
    return APP + ":session:{" + id + "}";
  }
}
