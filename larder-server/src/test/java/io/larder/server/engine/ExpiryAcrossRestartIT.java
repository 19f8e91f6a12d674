package io.larder.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys whose TTL runs out while the server is down stay gone, whatever was written after. */
class ExpiryAcrossRestartIT {
  @Test
  void restart_hashExpiredDuringDowntime_isGoneWithAllItsFields() throws Exception {
    Path dir = Files.createTempDirectory("larder-expiry");
    try {
      long expireAt;
      try (TestServer server = TestServer.startOn(dir, Map.of());
          RespClient client = server.connectAuthenticated()) {
        client.call("HSET", "h", "a", "1");
        client.call("PEXPIRE", "h", "700");
        client.call("HSET", "h", "b", "2");
        client.call("HSET", "live", "a", "1");
        client.call("PEXPIRE", "live", "600000");
        client.call("HSET", "live", "b", "2");
        expireAt = System.currentTimeMillis() + 700;
      }
      while (System.currentTimeMillis() <= expireAt + 100) {
        Thread.sleep(50);
      }
      try (TestServer server = TestServer.startOn(dir, Map.of());
          RespClient client = server.connectAuthenticated()) {
        assertThat(client.call("EXISTS", "h")).isEqualTo(0L);
        assertThat(client.call("HGETALL", "live")).isEqualTo(List.of("a", "1", "b", "2"));
        assertThat((Long) client.call("PTTL", "live")).isBetween(1L, 600_000L);
      }
    } finally {
      TestServer.deleteRecursively(dir);
    }
  }
}
