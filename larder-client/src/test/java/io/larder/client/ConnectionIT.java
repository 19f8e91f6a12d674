package io.larder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.testing.RedisServer;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connecting, reconnecting and failing: the client against a Larder server that comes and goes. */
class ConnectionIT {

  private static TestServer startOn(int port) {
    return TestServer.start(Map.of("port", Integer.toString(port)));
  }

  private static LarderClient.Builder clientOf(int port) {
    return LarderClient.builder()
        .host("127.0.0.1")
        .port(port)
        .cache("default")
        .key(TestServer.DEFAULT_KEY);
  }

  @Test
  void get_afterServerRestart_succeedsWithinRetryBudget() {
    int port = RedisServer.freePort();
    try (TestServer server = startOn(port);
        LarderClient client = clientOf(port).build()) {
      LarderCache<String> cache = client.cache("restart", Codecs.strings());
      cache.put("k", "kept");
      server.restart();
      assertThat(cache.get("k")).isEqualTo("kept");
    }
  }

  /**
   * An add is never retried, so an add caught by a dying connection may fail (outcome unknown); the
   * client must recover by itself: the failed connection is dropped, the next add works. (After a
   * clean restart the first add normally succeeds; it fails when the old server left the pooled
   * connection open but unserved, which LarderServer.close() sometimes does in-process.)
   */
  @Test
  void add_afterServerRestart_worksAgainByItself() {
    int port = RedisServer.freePort();
    try (TestServer server = startOn(port);
        LarderClient client = clientOf(port).build()) {
      LarderCache<String> cache = client.cache("restart", Codecs.strings());
      assertThat(cache.add("a", "1")).isTrue(); // leaves an exclusive connection in the pool
      server.restart();
      try {
        cache.add("b", "2");
      } catch (LarderConnectionException outcomeUnknown) {
        // the pooled connection died under it; it is dropped
      }
      assertThat(cache.add("c", "3")).isTrue();
      assertThat(cache.get("c")).isEqualTo("3");
    }
  }

  @Test
  void get_serverDown_throwsLarderConnectionException() {
    int port = RedisServer.freePort();
    TestServer server = startOn(port);
    boolean stopped = false; // TestServer.close() must run once
    try (LarderClient client =
        clientOf(port)
            .commandTimeout(Duration.ofMillis(300))
            .retries(1)
            .retryBackoff(Duration.ofMillis(10))
            .build()) {
      LarderCache<String> cache = client.cache("down", Codecs.strings());
      cache.put("k", "v");
      server.close();
      stopped = true;
      assertThatThrownBy(() -> cache.get("k"))
          .isInstanceOf(LarderConnectionException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    } finally {
      if (!stopped) {
        server.close();
      }
    }
  }

  @Test
  void add_serverDown_throwsLarderConnectionException() {
    int port = RedisServer.freePort();
    TestServer server = startOn(port);
    boolean stopped = false; // TestServer.close() must run once
    try (LarderClient client = clientOf(port).commandTimeout(Duration.ofMillis(300)).build()) {
      LarderCache<String> cache = client.cache("down", Codecs.strings());
      cache.put("k", "v");
      server.close();
      stopped = true;
      assertThatThrownBy(() -> cache.add("other", "v"))
          .isInstanceOf(LarderConnectionException.class);
    } finally {
      if (!stopped) {
        server.close();
      }
    }
  }

  /** Runs on real Redis, whose CLIENT PAUSE makes a server stop answering for a while. */
  @Test
  void get_commandTimedOut_laterOperationsUseAFreshConnection() throws InterruptedException {
    try (RedisServer redis = RedisServer.start();
        LarderClient client =
            clientOf(redis.port()).commandTimeout(Duration.ofMillis(200)).retries(0).build()) {
      LarderCache<String> cache = client.cache("paused", Codecs.strings());
      long before = client.connection().sync().clientId();
      try (RespClient admin = redis.connectAuthenticated()) {
        admin.call("CLIENT", "PAUSE", "2000", "ALL");
      }
      assertThatThrownBy(() -> cache.get("k")).isInstanceOf(LarderConnectionException.class);
      String value = null;
      for (int i = 0; i < 100 && value == null; i++) { // until the pause is over
        try {
          cache.put("k", "v");
          value = cache.get("k");
        } catch (LarderConnectionException stillPaused) {
          Thread.sleep(50);
        }
      }
      assertThat(value).isEqualTo("v");
      assertThat(client.connection().sync().clientId()).isNotEqualTo(before);
    }
  }

  @Test
  @SuppressWarnings("try") // the server is there to be connected to, not called
  void create_beforeServerStarts_failsFastThenWorksOnceServerIsUp() {
    int port = RedisServer.freePort();
    try (LarderClient client = clientOf(port).retryBackoff(Duration.ofMillis(10)).build()) {
      LarderCache<String> cache = client.cache("late", Codecs.strings());
      assertThatThrownBy(() -> cache.get("k"))
          .isInstanceOf(LarderConnectionException.class)
          .hasMessageContaining("cannot connect to 127.0.0.1:" + port);
      try (TestServer server = startOn(port)) {
        cache.put("k", "v");
        assertThat(cache.get("k")).isEqualTo("v");
      }
    }
  }

  @Test
  void create_wrongKey_failsNamingTheRefusal() {
    try (TestServer server = TestServer.start();
        LarderClient client = clientOf(server.port()).key("wrong-key-0123456789").build()) {
      LarderCache<String> cache = client.cache("auth", Codecs.strings());
      assertThatThrownBy(() -> cache.get("k"))
          .isInstanceOf(LarderConnectionException.class)
          .hasMessageContaining("WRONGPASS");
    }
  }

  @Test
  void create_fromUrl_connectsToCache() {
    try (TestServer server = TestServer.start();
        LarderClient client =
            LarderClient.create(
                "redis://default:" + TestServer.DEFAULT_KEY + "@127.0.0.1:" + server.port())) {
      LarderCache<String> cache = client.cache("url", Codecs.strings());
      cache.put("k", "v");
      assertThat(cache.get("k")).isEqualTo("v");
    }
  }

  @Test
  void close_thenGet_throwsLarderException() {
    try (TestServer server = TestServer.start()) {
      LarderClient client = clientOf(server.port()).build();
      LarderCache<String> cache = client.cache("closed", Codecs.strings());
      client.close();
      assertThatThrownBy(() -> cache.get("k")).isInstanceOf(LarderException.class);
      assertThatThrownBy(() -> cache.add("k", "v")).isInstanceOf(LarderException.class);
    }
  }
}
