package io.larder.server.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AUTH throttling policy of {@link AuthThrottle}, over RESP, on a server of its own. */
class AuthThrottleIT {
  private static final String WRONGPASS =
      "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
  private static final String THROTTLED =
      "-WRONGPASS too many failed authentications from this address; wait and retry\r\n";

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * Fails enough times that the penalty reaches its 30-second cap, so the assertions that follow do
   * not depend on how fast the test runs.
   */
  private void failUntilLongPenalty(RespClient client) {
    for (int i = 1; i < AuthThrottle.FREE_FAILURES; i++) {
      assertThat(client.callRaw("AUTH", "default", "wrong-" + i)).isEqualTo(WRONGPASS);
    }
    for (int i = 0; i < 6; i++) {
      assertThat(client.callRaw("AUTH", "default", "wrong")).startsWith("-WRONGPASS");
    }
  }

  @Test
  void auth_belowTheFreeFailures_answersWrongpassAndTheRightKeyStillWorks() {
    try (RespClient client = server.connect()) {
      for (int i = 1; i < AuthThrottle.FREE_FAILURES; i++) {
        assertThat(client.callRaw("AUTH", "default", "wrong-" + i)).isEqualTo(WRONGPASS);
      }

      assertThat(client.call("AUTH", "default", TestServer.DEFAULT_KEY)).isEqualTo("OK");
    }
  }

  @Test
  void auth_afterRepeatedFailures_refusesEvenTheRightKeyFromThatAddress() {
    try (RespClient guesser = server.connect()) {
      failUntilLongPenalty(guesser);

      assertThat(guesser.callRaw("AUTH", "default", TestServer.DEFAULT_KEY)).isEqualTo(THROTTLED);
      assertThat(guesser.callRaw("GET", "k")).startsWith("-NOAUTH");
      try (RespClient other = server.connect()) {
        assertThat(other.callRaw("AUTH", TestServer.DEFAULT_KEY)).isEqualTo(THROTTLED);
        assertThat(other.callRaw("HELLO", "3", "AUTH", "default", TestServer.DEFAULT_KEY))
            .isEqualTo(THROTTLED);
      }
    }
  }

  @Test
  void auth_throttledForOneCache_leavesOtherCachesAndUnknownNamesAlone() {
    Tenant shop = server.server().tenants().create("shop", CacheSettings.defaults(true));
    try (RespClient guesser = server.connect()) {
      failUntilLongPenalty(guesser);

      assertThat(guesser.call("AUTH", "shop", shop.secondaryKey().text())).isEqualTo("OK");
      assertThat(guesser.callRaw("AUTH", "nosuchcache", "wrong")).isEqualTo(WRONGPASS);
    }
  }

  @Test
  void auth_throttled_leavesAuthenticatedConnectionsWorking() {
    try (RespClient authenticated = server.connectAuthenticated();
        RespClient guesser = server.connect()) {
      failUntilLongPenalty(guesser);

      assertThat(authenticated.call("SET", "k", "v")).isEqualTo("OK");
      assertThat(authenticated.callRaw("AUTH", "default", TestServer.DEFAULT_KEY))
          .isEqualTo(THROTTLED);
      assertThat(authenticated.call("GET", "k")).isEqualTo("v");
    }
  }
}
