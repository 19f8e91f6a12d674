package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.BackendServer;
import io.larder.server.testing.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Expired sessions reach the listeners, with their attributes, once, though two instances hear the
 * server's notification. The server is the {@link BackendServer} the subclass registers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExpiryEventsContract {
  private static final long WAIT_MILLIS = 30_000;
  private AppServer a;
  private AppServer b;
  private Backend backend;

  @BeforeAll
  void startInstances(BackendServer server) {
    backend = Backend.of(server);
    Map<String, String> params =
        Map.of(
            "larder.url", backend.url(),
            "larder.session.application-name", "expiry",
            "larder.session.timeout", "2s");
    a = TomcatServer.start(params);
    b = TomcatServer.start(params);
    awaitSubscribers(2);
  }

  /** The instances subscribe in the background; expiries before that go unreported. */
  private void awaitSubscribers(long expected) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      List<?> reply = (List<?>) backend.raw("PUBSUB", "NUMSUB", ExpiryEvents.CHANNEL);
      if ((Long) reply.get(1) >= expected) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("the instances did not subscribe to " + ExpiryEvents.CHANNEL);
  }

  @AfterAll
  void stopInstances() {
    for (AppServer server : new AppServer[] {a, b}) {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void sessionExpires_listenersToldOnceWithItsAttributes() throws InterruptedException {
    Browser browser = new Browser();
    browser.body(a.port(), "/set?name=user&value=ada");
    String id = browser.cookie("SESSION");

    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (!RecordingListener.of(id).contains("removed user=ada")
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(300); // time for a duplicate report, were there one

    List<String> events = RecordingListener.of(id);
    assertThat(events)
        .containsExactly("created", "added user=ada", "destroyed user=ada", "removed user=ada");
    assertThat(backend.raw("EXISTS", "expiry:session:{" + id + "}")).isEqualTo(0L);
    assertThat(browser.body(b.port(), "/get?name=user")).isEqualTo("no session");
  }

  @Test
  void sessionNotYetExpired_readableAndNotReported() {
    Browser browser = new Browser();
    browser.body(a.port(), "/set?name=user&value=ada");
    String id = browser.cookie("SESSION");

    assertThat(browser.body(b.port(), "/get?name=user")).isEqualTo("ada");
    assertThat(RecordingListener.of(id)).doesNotContain("destroyed user=ada");
    assertThat((Long) backend.raw("PTTL", "expiry:session:{" + id + "}:expires"))
        .isBetween(1L, 2_200L);
    assertThat((Long) backend.raw("PTTL", "expiry:session:{" + id + "}")).isGreaterThan(2_200L);
  }
}
