package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.BackendServer;
import io.larder.server.testing.Browser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code exclusive} mode end to end on Tomcat: two instances with a long lock wait, a third with a
 * short one, all with read-only patterns, sharing the {@link BackendServer} the subclass registers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExclusiveModeContract {
  private AppServer a;
  private AppServer b;
  private AppServer impatient;
  private Backend backend;

  @BeforeAll
  void startInstances(BackendServer server) {
    backend = Backend.of(server);
    Assumptions.assumeTrue(backend.supportsTransactions(), backend.noTransactions());
    Map<String, String> params =
        Map.of(
            "larder.url", backend.url(),
            "larder.session.application-name", "exclusive",
            "larder.session.concurrency", "exclusive",
            "larder.session.lock-wait", "20s",
            "larder.session.read-only-patterns", "/get, /ro/*");
    a = TomcatServer.start(params);
    b = TomcatServer.start(params);
    Map<String, String> shortWait = new java.util.HashMap<>(params);
    shortWait.put("larder.session.lock-wait", "200ms");
    impatient = TomcatServer.start(shortWait);
  }

  @AfterAll
  void stopInstances() {
    for (AppServer server : new AppServer[] {a, b, impatient}) {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void concurrentReadModifyWrite_onTwoInstances_noUpdateLost() throws Exception {
    Browser browser = new Browser();
    browser.body(a.port(), "/set?name=user&value=ada");
    String cookie = browser.cookie("SESSION");
    int requests = 12;
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<String>> replies = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        int port = i % 2 == 0 ? a.port() : b.port();
        replies.add(
            pool.submit(
                () -> {
                  Browser same = new Browser();
                  same.setCookie("SESSION", cookie);
                  Browser.Page page = same.get(port, "/increment");
                  // A failed request (a 503 when the lock could not be taken) would otherwise
                  // show only as a missing increment, indistinguishable from a lost update.
                  return page.status() == 200
                      ? page.body()
                      : "status " + page.status() + " on port " + port + ": " + page.body();
                }));
      }
      List<String> counts = new ArrayList<>();
      for (Future<String> reply : replies) {
        counts.add(reply.get(60, TimeUnit.SECONDS));
      }
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= requests; i++) {
        expected.add(Integer.toString(i));
      }
      assertThat(counts)
          .as("the replies of %d concurrent increments: each saw every earlier one", requests)
          .containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      pool.shutdownNow();
    }

    assertThat(browser.body(b.port(), "/get?name=n")).isEqualTo(Integer.toString(requests));
  }

  @Test
  void lockHeldLongerThanLockWait_waiterGets503_readOnlyRequestPasses() throws Exception {
    Browser browser = new Browser();
    browser.body(a.port(), "/set?name=user&value=ada");
    AppServlet.holding = new CountDownLatch(1);
    AppServlet.release = new CountDownLatch(1);
    CompletableFuture<String> holder =
        CompletableFuture.supplyAsync(
            () -> {
              Browser same = new Browser();
              same.setCookie("SESSION", browser.cookie("SESSION"));
              return same.body(a.port(), "/hold");
            });
    try {
      assertThat(AppServlet.holding.await(20, TimeUnit.SECONDS)).isTrue();

      Browser.Page waiter = browser.get(impatient.port(), "/set?name=user&value=grace");
      Browser.Page reader = browser.get(impatient.port(), "/get?name=user");

      assertThat(waiter.status()).isEqualTo(503);
      assertThat(reader.status()).isEqualTo(200);
      assertThat(reader.body()).isEqualTo("ada");
    } finally {
      AppServlet.release.countDown();
    }
    assertThat(holder.get(20, TimeUnit.SECONDS)).isEqualTo("released");
    assertThat(browser.body(impatient.port(), "/set?name=user&value=grace")).isEqualTo("ok");
  }

  @Test
  void readOnlyRequest_changesAreNotSaved() {
    Browser browser = new Browser();
    browser.body(a.port(), "/set?name=user&value=ada");

    assertThat(browser.body(b.port(), "/ro/set?name=user&value=mallory"))
        .isEqualTo("set in a read-only request");

    assertThat(browser.body(a.port(), "/get?name=user")).isEqualTo("ada");
  }
}
